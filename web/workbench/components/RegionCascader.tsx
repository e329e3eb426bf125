import { useMemo } from 'react';
import { Cascader, type CascaderProps } from 'antd';
import { api } from '../../shared/api/client.js';
import type { RegionNode } from '../../shared/api/types.js';
import { useApiData } from '../../shared/hooks/useApiData.js';

export interface RegionOption {
  value: string;
  label: string;
  children?: RegionOption[];
}

const toOptions = (nodes: readonly RegionNode[]): RegionOption[] =>
  nodes.map((n) => ({
    value: n.code,
    label: n.level === 'village' ? n.shortName : n.name,
    children: n.children.length ? toOptions(n.children) : undefined,
  }));

/** The whole county's region tree as cascader options (a request may come from anywhere in it, not only the staff member's area). */
export function useRegionOptions(): RegionOption[] {
  const tree = useApiData((signal) => api.get<RegionNode[]>('/regions/tree', undefined, signal), []);
  return useMemo(() => toOptions(tree.data ?? []), [tree.data]);
}

/** [county, town, village] codes down to `code`, for the cascader's starting value. */
export function regionPath(code: string): string[] {
  return [code.slice(0, 6), code.length >= 9 ? code.slice(0, 9) : '', code.length >= 12 ? code : ''].filter(Boolean);
}

/** The code a cascader value stands for: the deepest level chosen, or `fallback` when nothing is. */
export function regionCodeOf(path: readonly string[] | undefined, fallback: string): string {
  return path?.[path.length - 1] ?? fallback;
}

const byName: CascaderProps<RegionOption>['showSearch'] = {
  filter: (input, path) => path.some((o) => String(o.label).includes(input)),
};

type Props = Omit<CascaderProps<RegionOption, 'value', false>, 'options' | 'changeOnSelect' | 'showSearch' | 'multiple'>;

/**
 * Where a person lives: county → town → village, any level may be chosen, a place found by typing its name.
 * Made to sit in a Form.Item (value, onChange and the rest pass through).
 */
export function RegionCascader(props: Props) {
  const options = useRegionOptions();
  return <Cascader<RegionOption, 'value'> {...props} options={options} changeOnSelect showSearch={byName} />;
}

import { useMemo, useState, type Key } from 'react';
import { Alert, Button, Card, Input, Spin, Tree, type TreeDataNode } from 'antd';
import { useTranslation } from 'react-i18next';
import type { RegionNode } from '../../shared/api/types.js';
import { useErrorText } from '../../shared/hooks/useErrorText.js';

interface Props {
  tree: RegionNode[] | undefined;
  loading: boolean;
  error: unknown;
  selected: string | undefined;
  onSelect: (code: string | undefined) => void;
  title?: string;
  /** offers "show all" to clear the selection (the list pages); the regions page always has one selected */
  clearable?: boolean;
  testId?: string;
}

const label = (n: RegionNode) => (n.level === 'village' ? n.shortName : n.name);

function toTreeData(nodes: readonly RegionNode[], query: string): TreeDataNode[] {
  const out: TreeDataNode[] = [];
  for (const n of nodes) {
    const children = toTreeData(n.children, query);
    const hit = !query || n.name.includes(query) || n.shortName.includes(query);
    if (!hit && children.length === 0) continue;
    out.push({ key: n.code, title: label(n), children: children.length ? children : undefined, isLeaf: n.children.length === 0 });
  }
  return out;
}

function keysWithChildren(nodes: readonly TreeDataNode[]): string[] {
  return nodes.flatMap((n) => (n.children?.length ? [String(n.key), ...keysWithChildren(n.children)] : []));
}

/** The org tree on the left of the list pages: pick a county, town or village to narrow the list. */
export function OrgTree({ tree, loading, error, selected, onSelect, title, clearable = true, testId = 'org-tree' }: Props) {
  const { t } = useTranslation('workbench');
  const errorText = useErrorText();
  const [query, setQuery] = useState('');
  const [expanded, setExpanded] = useState<Key[] | undefined>();
  const q = query.trim();
  const data = useMemo(() => toTreeData(tree ?? [], q), [tree, q]);
  // the root open by default; everything open while searching
  const expandedKeys = q ? keysWithChildren(data) : (expanded ?? data.map((n) => n.key));

  return (
    <Card
      size="small"
      title={title ?? t('orgTree.title')}
      extra={
        clearable && selected ? (
          <Button type="link" size="small" onClick={() => onSelect(undefined)}>
            {t('orgTree.clear')}
          </Button>
        ) : undefined
      }
      data-testid={testId}
    >
      <Input.Search
        allowClear
        placeholder={t('orgTree.searchPlaceholder')}
        onChange={(e) => setQuery(e.target.value)}
        style={{ marginBottom: 8 }}
      />
      {error !== undefined && <Alert type="error" title={errorText(error)} />}
      {loading && !tree ? (
        <Spin />
      ) : (
        <Tree
          className="org-tree"
          treeData={data}
          height={560}
          blockNode
          expandedKeys={expandedKeys}
          onExpand={(keys) => setExpanded(keys)}
          selectedKeys={selected ? [selected] : []}
          onSelect={(keys) => {
            const key = keys[0];
            if (key !== undefined) onSelect(String(key));
            else if (clearable) onSelect(undefined);
          }}
        />
      )}
    </Card>
  );
}

import { Alert, Table, Tag, Tooltip, Typography } from 'antd';
import { WarningFilled } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { AidSuggestion } from '../../../shared/api/legalaid.js';
import type { ApiData } from '../../../shared/hooks/useApiData.js';
import { useErrorText } from '../../../shared/hooks/useErrorText.js';
import { useAidLabels } from './aidLabels.js';

interface Props {
  suggestions: ApiData<AidSuggestion[]>;
  /** the case's current provider, who cannot be chosen again */
  exclude?: string | undefined;
  value?: string | undefined;
  onChange?: (id: string) => void;
}

/**
 * The pool ranked by the server (fit by matter type, then spare capacity; conflicts last): one is picked by its
 * radio button or by clicking the row. A conflict of interest is shown in red on the row.
 */
export function ProviderPicker({ suggestions, exclude, value, onChange }: Props) {
  const { t } = useTranslation('workbench');
  const labels = useAidLabels();
  const errorText = useErrorText();
  if (suggestions.error !== undefined) return <Alert type="error" showIcon title={errorText(suggestions.error)} />;
  const rows = (suggestions.data ?? []).filter((s) => s.id !== exclude);
  return (
    <div data-testid="aid-suggestions">
      <Table<AidSuggestion>
        size="small"
        rowKey="id"
        loading={suggestions.loading}
        dataSource={rows}
        pagination={false}
        scroll={{ y: 300 }}
        rowSelection={{
          type: 'radio',
          selectedRowKeys: value ? [value] : [],
          onChange: (keys) => keys[0] !== undefined && onChange?.(String(keys[0])),
        }}
        onRow={(s) => ({
          onClick: () => onChange?.(s.id),
          style: { cursor: 'pointer', background: s.conflicts.length ? '#fff1f0' : undefined },
          'data-testid': 'aid-suggestion',
          'data-name': s.name,
          'data-conflict': s.conflicts.length > 0,
        })}
        columns={[
          {
            title: t('aid.assign.rank'),
            key: 'rank',
            width: 52,
            render: (_, _s, i) => <span className="mono">{i + 1}</span>,
          },
          {
            title: t('aid.assign.provider'),
            key: 'name',
            render: (_, s) => (
              <div>
                <Typography.Text strong>{s.name}</Typography.Text>
                <div style={{ fontSize: 12, color: '#8c8c8c' }}>
                  {labels.providerKind(s.kind)} · {s.organisation}
                </div>
              </div>
            ),
          },
          {
            title: t('aid.assign.fit'),
            key: 'fit',
            width: 96,
            render: (_, s) => (s.fits ? <Tag color="success">{t('aid.assign.fits')}</Tag> : <Tag>{t('aid.assign.notFits')}</Tag>),
          },
          {
            title: t('aid.assign.load'),
            key: 'load',
            width: 96,
            render: (_, s) => (
              <Tooltip title={t('aid.assign.loadHint')}>
                <span className="mono" style={{ color: s.load >= s.maxLoad ? '#cf1322' : undefined }}>
                  {s.load} / {s.maxLoad}
                </span>
              </Tooltip>
            ),
          },
          {
            title: t('aid.assign.conflicts'),
            key: 'conflicts',
            width: 250,
            render: (_, s) =>
              s.conflicts.length ? (
                <div data-testid="aid-suggestion-conflict">
                  {s.conflicts.map((k) => (
                    <Tag key={k} color="error" icon={<WarningFilled />} style={{ whiteSpace: 'normal', marginBottom: 2 }}>
                      {k}
                    </Tag>
                  ))}
                </div>
              ) : (
                <Typography.Text type="secondary">{t('aid.assign.noConflict')}</Typography.Text>
              ),
          },
        ]}
      />
    </div>
  );
}

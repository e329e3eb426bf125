import { Card, List, Typography } from 'antd';
import { FileWordOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { API_BASE } from '../../../shared/api/client.js';
import type { AidCase } from '../../../shared/api/legalaid.js';

/** 文书: each document filled from the case as .docx; every download is audited by the server. */
export function AidDocumentsCard({ c }: { c: AidCase }) {
  const { t } = useTranslation('workbench');
  // the server lists the documents the case has reached (and answers 409 for the others)
  const kinds = c.documents;
  return (
    <Card size="small" title={t('aid.documents.title')}>
      <List
        size="small"
        dataSource={kinds}
        data-testid="aid-documents"
        renderItem={(kind) => (
          <List.Item>
            <a
              href={`${API_BASE}/legal-aid/cases/${c.id}/documents/${kind}`}
              download
              data-testid="aid-document"
              data-kind={kind}
              style={{ display: 'inline-flex', gap: 8, alignItems: 'center' }}
            >
              <FileWordOutlined style={{ color: '#1f5fbf' }} />
              {t(`aid.documents.kinds.${kind}`)}
            </a>
          </List.Item>
        )}
      />
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {t('aid.documents.hint')}
      </Typography.Text>
    </Card>
  );
}

import { Card, List, Typography } from 'antd';
import { FileWordOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { API_BASE } from '../../../shared/api/client.js';
import { AID_DOCUMENT_KINDS, type AidCase, type AidDocumentKind } from '../../../shared/api/legalaid.js';

/**
 * Which documents the case has reached. Mirrors `available()` in server/modules/legalaid/case-documents.ts
 * (the server answers 409 for any other): the case view does not list them.
 */
export function availableDocuments(c: AidCase): AidDocumentKind[] {
  return AID_DOCUMENT_KINDS.filter((kind) => {
    switch (kind) {
      case 'application':
      case 'receipt':
        return true;
      case 'materialsNotice':
        return Boolean(c.missingMaterials?.length);
      case 'decision':
        return c.decision !== null;
      case 'assignmentNotice':
        return c.provider !== null;
      case 'terminationDecision':
        return c.terminationGround !== null;
      case 'closingReport':
        return c.closedAt !== null;
    }
  });
}

/** 文书: each document filled from the case as .docx; every download is audited by the server. */
export function AidDocumentsCard({ c }: { c: AidCase }) {
  const { t } = useTranslation('workbench');
  const kinds = availableDocuments(c);
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

import { Alert, Card, Descriptions, Typography } from 'antd';
import { ExportOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import type { KbEntry, KbKind } from '../../../shared/api/knowledge-admin.js';
import { formatDateTime } from '../../../shared/format.js';
import { KbKindTag, KbStatusTag, useOriginText } from './kbLabels.js';

/**
 * What the reviewer must know before touching the text: a draft from a consultation was anonymised by a machine
 * (and links back to the consultation), an imported entry carries someone else's licence.
 */
export function EntryBanners({ entry }: { entry: KbEntry }) {
  const { t } = useTranslation('workbench');
  return (
    <>
      {entry.origin === 'consultation' && (
        <Alert
          type="warning"
          showIcon
          title={<strong>{t('knowledgeAdmin.entry.anonymised')}</strong>}
          description={t('knowledgeAdmin.entry.anonymisedHint')}
          action={
            entry.fromRequestId && (
              <Link to={`/requests/${entry.fromRequestId}`} data-testid="kb-source-request">
                {t('knowledgeAdmin.entry.openRequest')}
              </Link>
            )
          }
          data-testid="kb-anonymised"
        />
      )}
      {entry.status === 'restricted' ? (
        <Alert
          type="info"
          showIcon
          title={t('knowledgeAdmin.entry.restrictedBanner', { license: entry.license })}
          data-testid="kb-restricted"
        />
      ) : (
        entry.origin === 'imported' && (
          <Alert
            type="info"
            showIcon
            title={t('knowledgeAdmin.entry.importedBanner', { by: entry.answerBy, license: entry.license })}
            data-testid="kb-imported"
          />
        )
      )}
    </>
  );
}

/** The side card: status, kind, origin, who answered, the dates, and the portal page once published. */
export function EntryInfo({ entry, kind }: { entry: KbEntry | undefined; kind: KbKind }) {
  const { t, i18n } = useTranslation('workbench');
  const originText = useOriginText();
  const at = (iso: string | null) => (iso ? <span className="mono">{formatDateTime(iso, i18n.language)}</span> : t('table.none'));
  return (
    <Card size="small" title={t('knowledgeAdmin.entry.info')} data-testid="kb-info">
      <Descriptions
        column={1}
        size="small"
        items={[
          { key: 'kind', label: t('knowledgeAdmin.entry.kind'), children: <KbKindTag kind={kind} /> },
          ...(entry
            ? [
                {
                  key: 'status',
                  label: t('knowledgeAdmin.entry.status'),
                  children: <KbStatusTag status={entry.status} license={entry.license} />,
                },
                {
                  key: 'origin',
                  label: t('knowledgeAdmin.entry.origin'),
                  children: (
                    <span data-testid="kb-origin" data-origin={entry.origin}>
                      {entry.origin === 'imported' ? t('knowledgeAdmin.origins.imported') : originText(entry.origin, entry.license)}
                      {entry.fromRequestId && (
                        <>
                          {' · '}
                          <Link to={`/requests/${entry.fromRequestId}`}>{t('knowledgeAdmin.entry.fromRequest')}</Link>
                        </>
                      )}
                    </span>
                  ),
                },
                { key: 'answerBy', label: t('knowledgeAdmin.entry.answerBy'), children: entry.answerBy },
                { key: 'license', label: t('knowledgeAdmin.entry.license'), children: entry.license },
                { key: 'createdAt', label: t('knowledgeAdmin.entry.createdAt'), children: at(entry.createdAt) },
                { key: 'updatedAt', label: t('knowledgeAdmin.entry.updatedAt'), children: at(entry.updatedAt) },
                { key: 'publishedAt', label: t('knowledgeAdmin.entry.publishedAt'), children: at(entry.publishedAt) },
              ]
            : []),
        ]}
      />
      {entry?.status === 'published' && (
        <a href={`/qa/${entry.id}`} target="_blank" rel="noreferrer" data-testid="kb-public-link">
          <ExportOutlined /> {t('knowledgeAdmin.entry.viewPublic')}
        </a>
      )}
      <Typography.Paragraph type="secondary" style={{ fontSize: 12, marginTop: 12, marginBottom: 0 }}>
        {t('knowledgeAdmin.entry.steps')}
      </Typography.Paragraph>
    </Card>
  );
}

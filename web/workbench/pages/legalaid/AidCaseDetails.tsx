import { App, Button, Card, Descriptions, Space, Table, Tag, Typography } from 'antd';
import { CheckCircleFilled, CloseCircleFilled, EyeOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { api } from '../../../shared/api/client.js';
import type { AidCase, Criterion, FamilyMember } from '../../../shared/api/legalaid.js';
import { formatDateTime } from '../../../shared/format.js';
import { useErrorText } from '../../../shared/hooks/useErrorText.js';
import { isChannel, useLabels } from '../../../shared/labels.js';
import { useAidLabels, yuan } from './aidLabels.js';

/** Who applies, through whom, and about what. */
export function ApplicantCard({ c, regionName }: { c: AidCase; regionName: string }) {
  const { t } = useTranslation('workbench');
  const labels = useAidLabels();
  const common = useLabels();
  const { modal, message } = App.useApp();
  const errorText = useErrorText();
  const none = t('table.none');

  // the applicant's phone or the proxy's; the server writes an audit row for each look
  const revealPhone = async (whose: 'phone' | 'proxy-phone', name: string) => {
    try {
      const { phone } = await api.post<{ phone: string }>(`/legal-aid/cases/${c.id}/reveal-${whose}`);
      modal.info({
        title: t('aid.detail.phoneTitle', { name }),
        okText: t('action.close'),
        okButtonProps: { ...{ 'data-testid': 'aid-revealed-phone-close' } },
        content: (
          <div data-testid="aid-revealed-phone">
            <p className="mono" style={{ fontSize: 20, margin: '8px 0' }}>
              {phone}
            </p>
            <p style={{ color: '#8c8c8c', margin: 0 }}>{t('staff.revealNotice')}</p>
          </div>
        ),
      });
    } catch (e) {
      message.error(errorText(e));
    }
  };

  return (
    <Card size="small" title={t('aid.detail.applicantTitle')}>
      <Descriptions bordered size="small" column={{ xs: 1, md: 2 }} data-testid="aid-applicant-details">
        <Descriptions.Item label={t('aid.detail.applicant')}>{c.applicant.name}</Descriptions.Item>
        <Descriptions.Item label={t('aid.detail.phone')}>
          <Space size={4}>
            <span className="mono" style={{ whiteSpace: 'nowrap' }} data-testid="aid-phone">
              {c.applicant.phoneMasked}
            </span>
            {c.handles && (
              <Button
                type="link"
                size="small"
                icon={<EyeOutlined />}
                onClick={() => void revealPhone('phone', c.applicant.name)}
                title={t('aid.detail.revealHint')}
                data-testid="aid-reveal-phone"
              >
                {t('requests.reveal')}
              </Button>
            )}
          </Space>
        </Descriptions.Item>
        <Descriptions.Item label={t('aid.detail.idNumber')}>
          <span className="mono">{c.applicant.idNumberMasked ?? none}</span>
        </Descriptions.Item>
        <Descriptions.Item label={t('aid.detail.applicantKind')}>{labels.applicantKind(c.applicantKind)}</Descriptions.Item>
        {c.proxy && (
          <Descriptions.Item label={t('aid.detail.proxy')} span="filled">
            <span data-testid="aid-proxy">
              {t('aid.detail.proxyValue', { name: c.proxy.name, relation: c.proxy.relation })}
              <span className="mono">{c.proxy.phoneMasked ?? ''}</span>
            </span>
            {c.handles && c.proxy.phoneMasked && (
              <Button
                type="link"
                size="small"
                icon={<EyeOutlined />}
                onClick={() => void revealPhone('proxy-phone', c.proxy?.name ?? '')}
                title={t('aid.detail.revealHint')}
                data-testid="aid-reveal-proxy-phone"
              >
                {t('requests.reveal')}
              </Button>
            )}
          </Descriptions.Item>
        )}
        <Descriptions.Item label={t('aid.detail.address')} span="filled">
          <span data-testid="aid-address">{c.applicantAddress ?? none}</span>
        </Descriptions.Item>
        <Descriptions.Item label={t('aid.detail.channel')}>
          {isChannel(c.channel) ? common.channel(c.channel) : c.channel}
        </Descriptions.Item>
        <Descriptions.Item label={t('aid.detail.region')}>{regionName}</Descriptions.Item>
        <Descriptions.Item label={t('aid.detail.matter')} span="filled">
          {labels.matter(c.matterCategory)}
        </Descriptions.Item>
        <Descriptions.Item label={t('aid.detail.aidForm')}>{labels.form(c.aidForm)}</Descriptions.Item>
        <Descriptions.Item label={t('aid.detail.opposingParty')}>
          <span data-testid="aid-opposing-party">{c.opposingParty ?? none}</span>
        </Descriptions.Item>
        <Descriptions.Item label={t('aid.detail.hasAgent')}>{c.hasAgent ? t('aid.yes') : t('aid.no')}</Descriptions.Item>
        <Descriptions.Item label={t('aid.detail.limitation')}>
          <span className="mono">{c.limitationExpiresOn ?? none}</span>
        </Descriptions.Item>
        <Descriptions.Item label={t('aid.detail.facts')} span="filled">
          <div style={{ whiteSpace: 'pre-line' }} data-testid="aid-facts">
            {c.matterSummary}
          </div>
        </Descriptions.Item>
      </Descriptions>
    </Card>
  );
}

/** The family, its income, and the grounds that spare the means test. */
export function FamilyCard({ c }: { c: AidCase }) {
  const { t } = useTranslation('workbench');
  const labels = useAidLabels();
  const none = t('table.none');
  const own =
    c.monthlyFamilyIncome === null ? null : c.monthlyFamilyIncome - c.familyMembers.reduce((n, m) => n + Number(m.monthlyIncome), 0);
  const rows: (FamilyMember & { key: string })[] = [
    { key: 'self', relation: t('aid.detail.self'), name: c.applicant.name, monthlyIncome: Math.round((own ?? 0) * 100) / 100 },
    ...c.familyMembers.map((m, i) => ({ ...m, key: String(i) })),
  ];
  return (
    <Card size="small" title={t('aid.detail.familyTitle')}>
      <Table<FamilyMember & { key: string }>
        size="small"
        pagination={false}
        rowKey="key"
        dataSource={rows}
        columns={[
          { title: t('aid.detail.relation'), dataIndex: 'relation', width: 120 },
          { title: t('aid.detail.memberName'), dataIndex: 'name' },
          {
            title: t('aid.detail.monthlyIncome'),
            dataIndex: 'monthlyIncome',
            align: 'right',
            width: 160,
            render: (n: number) => <span className="mono">{yuan(n)}</span>,
          },
        ]}
        data-testid="aid-family"
        style={{ marginBottom: 12 }}
      />
      <Descriptions bordered size="small" column={{ xs: 1, md: 2 }}>
        <Descriptions.Item label={t('aid.detail.familySize')}>{t('aid.detail.persons', { n: c.familySize })}</Descriptions.Item>
        <Descriptions.Item label={t('aid.detail.familyIncome')}>
          {c.monthlyFamilyIncome === null ? none : t('aid.yuanPerMonth', { n: yuan(c.monthlyFamilyIncome) })}
        </Descriptions.Item>
        <Descriptions.Item label={t('aid.detail.noMeansTest')} span="filled">
          {c.noMeansTest ? labels.noMeansTest(c.noMeansTest) : none}
        </Descriptions.Item>
        <Descriptions.Item label={t('aid.detail.exemption')} span="filled">
          {c.exemption ? (
            <Space size={6} wrap>
              {labels.exemption(c.exemption)}
              <Tag color={c.exemptionProof ? 'success' : 'warning'}>
                {c.exemptionProof ? t('aid.detail.proofGiven') : t('aid.detail.proofMissing')}
              </Tag>
            </Space>
          ) : (
            none
          )}
        </Descriptions.Item>
        <Descriptions.Item label={t('aid.detail.pledge')} span="filled">
          {c.pledge ? t('aid.detail.pledgeGiven') : t('aid.no')}
        </Descriptions.Item>
      </Descriptions>
    </Card>
  );
}

function CriterionLine({ k }: { k: Criterion }) {
  const { t } = useTranslation('workbench');
  return (
    <div style={{ display: 'flex', gap: 8, padding: '6px 0' }} data-testid="aid-criterion" data-code={k.code} data-passed={k.passed}>
      {k.passed ? (
        <CheckCircleFilled style={{ color: '#389e0d', marginTop: 4 }} />
      ) : (
        <CloseCircleFilled style={{ color: '#cf1322', marginTop: 4 }} />
      )}
      <div>
        <Typography.Text strong>{t(`aid.criteria.${k.code}`)}</Typography.Text>
        <Tag color={k.passed ? 'success' : 'error'} style={{ marginLeft: 8 }}>
          {k.passed ? t('aid.eligibility.pass') : t('aid.eligibility.fail')}
        </Tag>
        <div>{k.reason}</div>
      </div>
    </div>
  );
}

/** The verdict per criterion as the server reached it, the first review's opinion and any override. */
export function EligibilityCard({ c }: { c: AidCase }) {
  const { t, i18n } = useTranslation('workbench');
  const e = c.eligibility;
  return (
    <Card
      size="small"
      title={t('aid.eligibility.title')}
      extra={
        <Tag color={e.passed ? 'success' : 'error'} data-testid="aid-eligibility" data-passed={e.passed}>
          {e.passed ? t('aid.eligibility.passed') : t('aid.eligibility.failed')}
        </Tag>
      }
    >
      {e.criteria.map((k) => (
        <CriterionLine key={k.code} k={k} />
      ))}
      <Typography.Paragraph type="secondary" style={{ margin: '8px 0 0', fontSize: 12 }}>
        {t('aid.eligibility.checkedAt', { time: formatDateTime(e.checkedAt, i18n.language) })}
      </Typography.Paragraph>
      {c.overrideReason && (
        <div style={{ marginTop: 12, padding: '8px 12px', background: '#fffbe6', border: '1px solid #ffe58f', borderRadius: 6 }}>
          <Typography.Text strong>{t('aid.eligibility.override')}</Typography.Text>
          <div style={{ whiteSpace: 'pre-line' }} data-testid="aid-override-reason">
            {c.overrideReason}
          </div>
        </div>
      )}
      {c.firstReview && (
        <div style={{ marginTop: 12 }} data-testid="aid-first-review">
          <Typography.Text strong>{t('aid.eligibility.firstReview')}</Typography.Text>
          <Tag color={c.firstReview.opinion === 'recommendGrant' ? 'success' : 'warning'} style={{ marginLeft: 8 }}>
            {c.firstReview.opinion === 'recommendGrant' ? t('aid.opinions.recommendGrant') : t('aid.opinions.recommendRefuse')}
          </Tag>
          <Typography.Text type="secondary">
            {c.firstReview.siteName} · {c.firstReview.by} · {formatDateTime(c.firstReview.at, i18n.language)}
          </Typography.Text>
          {c.firstReview.note && <div style={{ whiteSpace: 'pre-line' }}>{c.firstReview.note}</div>}
        </div>
      )}
    </Card>
  );
}

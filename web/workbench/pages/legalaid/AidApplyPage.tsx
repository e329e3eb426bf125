import {
  Alert,
  Button,
  Card,
  Checkbox,
  Col,
  DatePicker,
  Descriptions,
  Divider,
  Form,
  Input,
  InputNumber,
  Radio,
  Row,
  Select,
  Space,
  Switch,
  Typography,
} from 'antd';
import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import type { Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { api } from '../../../shared/api/client.js';
import {
  AID_FORMS,
  APPLICANT_KINDS,
  EXEMPTIONS,
  MATTER_CATEGORIES,
  NO_MEANS_TEST,
  type AidCase,
  type AidDeskApplication,
  type AidForm,
  type ApplicantKind,
  type Exemption,
  type AidPublicStandard,
  type MatterCategory,
  type NoMeansTest,
} from '../../../shared/api/legalaid.js';
import { useApiData } from '../../../shared/hooks/useApiData.js';
import { DESK_CHANNELS, useLabels, type Channel } from '../../../shared/labels.js';
import { normalizePhone } from '../../../shared/tracking.js';
import { CreateFormActions, useCreateThenOpen } from '../../components/CreateForm.js';
import { RegionCascader, regionCodeOf, regionPath } from '../../components/RegionCascader.js';
import { idNumberRule, requiredText, phoneRule } from '../../components/formRules.js';
import { useMe } from '../../session/useSession.js';
import { useAidLabels, yuan } from './aidLabels.js';

interface Member {
  relation?: string;
  name?: string;
  monthlyIncome?: number | null;
}

interface Values {
  channel: Channel;
  applicantKind: ApplicantKind;
  proxyName?: string;
  proxyRelation?: string;
  proxyPhone?: string;
  name: string;
  phone: string;
  idNumber?: string;
  address?: string;
  region: string[];
  matterCategory: MatterCategory;
  aidForm: AidForm;
  opposingParty?: string;
  hasAgent?: boolean;
  description: string;
  monthlyIncome: number | null;
  familyMembers?: Member[];
  noMeansTest?: NoMeansTest;
  exemption?: Exemption;
  exemptionProof?: boolean;
  pledge?: boolean;
  limitationExpiresOn?: Dayjs | null;
}

/** 法律援助窗口申请: every fact the law asks for, taken at the desk; the case opens with the server's verdict. */
export function AidApplyPage() {
  const { t } = useTranslation('workbench');
  const labels = useAidLabels();
  const common = useLabels();
  const me = useMe();
  const [form] = Form.useForm<Values>();
  const { error, busy, create } = useCreateThenOpen<AidCase>('/legal-aid/cases', (created) => `/legal-aid/${created.id}`);

  const kind = Form.useWatch('applicantKind', form) ?? 'self';
  const exemption = Form.useWatch('exemption', form);
  const noMeansTest = Form.useWatch('noMeansTest', form);
  const region = Form.useWatch('region', form);
  const ownIncome = Form.useWatch('monthlyIncome', form);
  const members = Form.useWatch('familyMembers', form) ?? [];
  const regionCode = regionCodeOf(region, me.regionCode);
  // the standard in force today for the applicant's region, read like the portal does (a village room may not
  // list the standards): for the clerk's reference, the server's verdict decides
  const standardAnswer = useApiData(
    (signal) => api.get<AidPublicStandard>('/public/legal-aid/standard', { regionCode }, signal).catch(() => null),
    [regionCode],
  );
  const standard = standardAnswer.data ?? undefined;
  const meansTested = !noMeansTest && !exemption;
  const familySize = members.length + 1;
  const familyIncome = (ownIncome ?? 0) + members.reduce((n, m) => n + (m?.monthlyIncome ?? 0), 0);
  const perCapita = Math.round((familyIncome / familySize) * 100) / 100;

  const submit = (v: Values) => {
    const trimmed = (s: string | undefined) => s?.trim() || undefined;
    const body: AidDeskApplication = {
      channel: v.channel,
      applicantKind: v.applicantKind,
      name: v.name.trim(),
      phone: normalizePhone(v.phone.trim()),
      regionCode,
      description: v.description.trim(),
      matterCategory: v.matterCategory,
      aidForm: v.aidForm,
      familyMembers: (v.familyMembers ?? []).map((m) => ({
        relation: (m.relation ?? '').trim(),
        name: (m.name ?? '').trim(),
        monthlyIncome: m.monthlyIncome ?? 0,
      })),
      // with a ground (art. 32) or an exemption (art. 42) an income left empty is not known, not 0
      monthlyIncome: v.monthlyIncome ?? (meansTested ? 0 : null),
      hasAgent: Boolean(v.hasAgent),
      pledge: Boolean(v.pledge) && standard?.pledgeAllowed !== false,
      ...(v.applicantKind !== 'self' && {
        proxy: { name: (v.proxyName ?? '').trim(), relation: (v.proxyRelation ?? '').trim(), phone: normalizePhone(v.proxyPhone ?? '') },
      }),
      ...(trimmed(v.idNumber) && { idNumber: v.idNumber!.trim().toUpperCase() }),
      ...(trimmed(v.address) && { address: v.address!.trim() }),
      ...(trimmed(v.opposingParty) && { opposingParty: v.opposingParty!.trim() }),
      ...(v.noMeansTest && { noMeansTest: v.noMeansTest }),
      ...(v.exemption && { exemption: v.exemption, exemptionProof: Boolean(v.exemptionProof) }),
      ...(v.limitationExpiresOn && { limitationExpiresOn: v.limitationExpiresOn.format('YYYY-MM-DD') }),
    };
    void create(body);
  };

  const phone = phoneRule(t('staff.phoneRule'));

  return (
    <Row gutter={[16, 16]} data-testid="aid-apply-page">
      <Col xs={24} xl={16}>
        <Card title={t('aid.apply.title')}>
          <Form<Values>
            form={form}
            layout="vertical"
            initialValues={{
              channel: 'walk_in',
              applicantKind: 'self',
              region: regionPath(me.regionCode),
              familyMembers: [],
              hasAgent: false,
              pledge: false,
            }}
            onFinish={submit}
            disabled={busy}
            scrollToFirstError
            data-testid="aid-apply-form"
          >
            <Row gutter={16}>
              <Col xs={24} md={14}>
                <Form.Item name="channel" label={t('aid.apply.channel')} rules={[{ required: true }]}>
                  <Radio.Group
                    optionType="button"
                    size="small"
                    options={DESK_CHANNELS.map((ch) => ({ value: ch, label: common.channel(ch) }))}
                    data-testid="aid-apply-channel"
                  />
                </Form.Item>
              </Col>
              <Col xs={24} md={10}>
                <Form.Item name="applicantKind" label={t('aid.apply.applicantKind')} rules={[{ required: true }]}>
                  <Select
                    options={APPLICANT_KINDS.map((k) => ({ value: k, label: labels.applicantKind(k) }))}
                    data-testid="aid-apply-kind"
                  />
                </Form.Item>
              </Col>
            </Row>

            <Divider titlePlacement="start" plain>
              {t('aid.apply.applicantSection')}
            </Divider>
            <Row gutter={16}>
              <Col xs={24} md={8}>
                <Form.Item name="name" label={t('aid.apply.name')} rules={requiredText(t('intake.nameRequired'), 40)}>
                  <Input maxLength={40} autoComplete="off" data-testid="aid-apply-name" />
                </Form.Item>
              </Col>
              <Col xs={24} md={8}>
                <Form.Item
                  name="phone"
                  label={t('aid.apply.phone')}
                  rules={[{ required: true, message: t('intake.phoneRequired') }, phone]}
                >
                  <Input maxLength={20} inputMode="tel" autoComplete="off" data-testid="aid-apply-phone" />
                </Form.Item>
              </Col>
              <Col xs={24} md={8}>
                <Form.Item name="idNumber" label={t('aid.apply.idNumber')} rules={[idNumberRule(t('intake.idNumberInvalid'))]}>
                  <Input maxLength={18} autoComplete="off" className="mono" data-testid="aid-apply-id-number" />
                </Form.Item>
              </Col>
            </Row>
            <Row gutter={16}>
              <Col xs={24} md={10}>
                <Form.Item
                  name="region"
                  label={t('aid.apply.region')}
                  extra={t('aid.apply.regionHint')}
                  rules={[{ required: true, message: t('intake.regionRequired') }]}
                >
                  <RegionCascader placeholder={t('intake.regionPlaceholder')} data-testid="aid-apply-region" />
                </Form.Item>
              </Col>
              <Col xs={24} md={14}>
                <Form.Item name="address" label={t('aid.apply.address')} rules={[{ max: 200 }]}>
                  <Input maxLength={200} autoComplete="off" data-testid="aid-apply-address" />
                </Form.Item>
              </Col>
            </Row>
            {kind !== 'self' && (
              <Row gutter={16} data-testid="aid-apply-proxy">
                <Col xs={24} md={8}>
                  <Form.Item name="proxyName" label={t('aid.apply.proxyName')} rules={requiredText(t('aid.apply.proxyRequired'), 40)}>
                    <Input maxLength={40} autoComplete="off" data-testid="aid-apply-proxy-name" />
                  </Form.Item>
                </Col>
                <Col xs={24} md={8}>
                  <Form.Item
                    name="proxyRelation"
                    label={t('aid.apply.proxyRelation')}
                    rules={requiredText(t('aid.apply.proxyRelationRequired'), 20)}
                  >
                    <Input maxLength={20} placeholder={t('aid.apply.proxyRelationPlaceholder')} data-testid="aid-apply-proxy-relation" />
                  </Form.Item>
                </Col>
                <Col xs={24} md={8}>
                  <Form.Item
                    name="proxyPhone"
                    label={t('aid.apply.proxyPhone')}
                    rules={[{ required: true, message: t('intake.phoneRequired') }, phone]}
                  >
                    <Input maxLength={20} inputMode="tel" data-testid="aid-apply-proxy-phone" />
                  </Form.Item>
                </Col>
              </Row>
            )}

            <Divider titlePlacement="start" plain>
              {t('aid.apply.matterSection')}
            </Divider>
            <Row gutter={16}>
              <Col xs={24} md={14}>
                <Form.Item
                  name="matterCategory"
                  label={t('aid.apply.matter')}
                  rules={[{ required: true, message: t('aid.apply.matterRequired') }]}
                >
                  <Select
                    showSearch={{ optionFilterProp: 'label' }}
                    placeholder={t('aid.apply.matterPlaceholder')}
                    options={MATTER_CATEGORIES.map((k) => ({ value: k, label: labels.matter(k) }))}
                    data-testid="aid-apply-matter"
                  />
                </Form.Item>
              </Col>
              <Col xs={24} md={10}>
                <Form.Item
                  name="aidForm"
                  label={t('aid.apply.aidForm')}
                  rules={[{ required: true, message: t('aid.apply.aidFormRequired') }]}
                >
                  <Select options={AID_FORMS.map((k) => ({ value: k, label: labels.form(k) }))} data-testid="aid-apply-form-kind" />
                </Form.Item>
              </Col>
            </Row>
            <Row gutter={16}>
              <Col xs={24} md={10}>
                <Form.Item
                  name="opposingParty"
                  label={t('aid.apply.opposingParty')}
                  extra={t('aid.apply.opposingPartyHint')}
                  rules={[{ max: 100 }]}
                >
                  <Input maxLength={100} data-testid="aid-apply-opposing-party" />
                </Form.Item>
              </Col>
              <Col xs={12} md={7}>
                <Form.Item name="limitationExpiresOn" label={t('aid.apply.limitation')} extra={t('aid.apply.limitationHint')}>
                  <DatePicker style={{ width: '100%' }} format="YYYY-MM-DD" data-testid="aid-apply-limitation" />
                </Form.Item>
              </Col>
              <Col xs={12} md={7}>
                <Form.Item name="hasAgent" label={t('aid.apply.hasAgent')} valuePropName="checked" extra={t('aid.apply.hasAgentHint')}>
                  <Switch checkedChildren={t('aid.yes')} unCheckedChildren={t('aid.no')} data-testid="aid-apply-has-agent" />
                </Form.Item>
              </Col>
            </Row>
            <Form.Item
              name="description"
              label={t('aid.apply.facts')}
              rules={[
                { required: true, whitespace: true, message: t('aid.apply.factsRequired') },
                { min: 5, message: t('aid.form.atLeast', { n: 5 }) },
              ]}
            >
              <Input.TextArea
                rows={4}
                maxLength={5000}
                showCount
                placeholder={t('aid.apply.factsPlaceholder')}
                data-testid="aid-apply-facts"
              />
            </Form.Item>

            <Divider titlePlacement="start" plain>
              {t('aid.apply.meansSection')}
            </Divider>
            <Row gutter={16}>
              <Col xs={24} md={8}>
                <Form.Item
                  name="monthlyIncome"
                  label={t('aid.apply.ownIncome')}
                  rules={[{ required: meansTested, message: t('aid.apply.incomeRequired') }]}
                >
                  <InputNumber
                    min={0}
                    max={10_000_000}
                    precision={2}
                    style={{ width: '100%' }}
                    suffix={t('aid.yuan')}
                    data-testid="aid-apply-income"
                  />
                </Form.Item>
              </Col>
            </Row>
            <Form.Item label={t('aid.apply.members')} extra={t('aid.apply.membersHint')}>
              <Form.List name="familyMembers">
                {(fields, { add, remove }) => (
                  <>
                    {fields.map((field) => (
                      <Space key={field.key} align="baseline" style={{ display: 'flex' }} data-testid="aid-apply-member">
                        <Form.Item
                          name={[field.name, 'relation']}
                          rules={requiredText(t('aid.apply.relationRequired'), 20)}
                          style={{ marginBottom: 8, width: 120 }}
                        >
                          <Input maxLength={20} placeholder={t('aid.apply.relation')} data-testid="aid-apply-member-relation" />
                        </Form.Item>
                        <Form.Item
                          name={[field.name, 'name']}
                          rules={requiredText(t('aid.apply.memberNameRequired'), 40)}
                          style={{ marginBottom: 8, width: 160 }}
                        >
                          <Input maxLength={40} placeholder={t('aid.apply.memberName')} data-testid="aid-apply-member-name" />
                        </Form.Item>
                        <Form.Item
                          name={[field.name, 'monthlyIncome']}
                          rules={[{ required: true, message: t('aid.apply.incomeRequired') }]}
                          style={{ marginBottom: 8, width: 190 }}
                        >
                          <InputNumber
                            min={0}
                            max={10_000_000}
                            precision={2}
                            style={{ width: '100%' }}
                            placeholder={t('aid.apply.memberIncome')}
                            suffix={t('aid.yuan')}
                            data-testid="aid-apply-member-income"
                          />
                        </Form.Item>
                        <MinusCircleOutlined onClick={() => remove(field.name)} aria-label={t('requests.form.removeItem')} />
                      </Space>
                    ))}
                    {fields.length < 20 && (
                      <Button
                        type="dashed"
                        onClick={() => add({ monthlyIncome: 0 })}
                        icon={<PlusOutlined />}
                        data-testid="aid-apply-add-member"
                      >
                        {t('aid.apply.addMember')}
                      </Button>
                    )}
                  </>
                )}
              </Form.List>
            </Form.Item>
            <Row gutter={16}>
              <Col xs={24} md={12}>
                <Form.Item name="noMeansTest" label={t('aid.apply.noMeansTest')} extra={t('aid.apply.noMeansTestHint')}>
                  <Select
                    allowClear
                    placeholder={t('aid.form.none')}
                    options={NO_MEANS_TEST.map((k) => ({ value: k, label: labels.noMeansTest(k) }))}
                    data-testid="aid-apply-no-means-test"
                  />
                </Form.Item>
              </Col>
              <Col xs={24} md={12}>
                <Form.Item name="exemption" label={t('aid.apply.exemption')} extra={t('aid.apply.exemptionHint')}>
                  <Select
                    allowClear
                    disabled={Boolean(noMeansTest)}
                    placeholder={t('aid.form.none')}
                    options={EXEMPTIONS.map((k) => ({ value: k, label: labels.exemption(k) }))}
                    data-testid="aid-apply-exemption"
                  />
                </Form.Item>
                {exemption && !noMeansTest && (
                  <Form.Item name="exemptionProof" valuePropName="checked" style={{ marginTop: -8 }}>
                    <Checkbox data-testid="aid-apply-exemption-proof">{t('aid.apply.exemptionProof')}</Checkbox>
                  </Form.Item>
                )}
              </Col>
            </Row>
            {standard?.pledgeAllowed !== false && (
              <Form.Item name="pledge" valuePropName="checked">
                <Checkbox data-testid="aid-apply-pledge">{t('aid.apply.pledge')}</Checkbox>
              </Form.Item>
            )}

            <CreateFormActions form={form} error={error} busy={busy} submitText={t('aid.apply.submit')} testId="aid-apply" />
          </Form>
        </Card>
      </Col>
      <Col xs={24} xl={8}>
        <div className="intake-guide">
          <Card size="small" title={t('aid.apply.previewTitle')} data-testid="aid-apply-preview">
            <Descriptions size="small" column={1} bordered>
              <Descriptions.Item label={t('aid.detail.familySize')}>{t('aid.detail.persons', { n: familySize })}</Descriptions.Item>
              <Descriptions.Item label={t('aid.detail.familyIncome')}>{t('aid.yuanPerMonth', { n: yuan(familyIncome) })}</Descriptions.Item>
              <Descriptions.Item label={t('aid.apply.perCapita')}>
                <span data-testid="aid-apply-per-capita">{t('aid.yuanPerMonth', { n: yuan(perCapita) })}</span>
              </Descriptions.Item>
              <Descriptions.Item label={t('aid.apply.standard')}>
                {standard ? (
                  <span data-testid="aid-apply-standard">
                    {t('aid.yuanPerMonth', { n: yuan(standard.threshold) })}
                    <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>
                      {t('aid.apply.standardFrom', { day: standard.effectiveFrom })}
                    </Typography.Text>
                  </span>
                ) : (
                  <Typography.Text type="warning">{t('aid.apply.noStandard')}</Typography.Text>
                )}
              </Descriptions.Item>
            </Descriptions>
            {noMeansTest ? (
              <Alert type="success" showIcon style={{ marginTop: 12 }} title={t('aid.apply.previewNoMeansTest')} />
            ) : exemption ? (
              <Alert type="info" showIcon style={{ marginTop: 12 }} title={t('aid.apply.previewExemption')} />
            ) : (
              standard &&
              ownIncome !== null &&
              ownIncome !== undefined && (
                <Alert
                  type={perCapita <= standard.threshold ? 'success' : 'warning'}
                  showIcon
                  style={{ marginTop: 12 }}
                  title={perCapita <= standard.threshold ? t('aid.apply.previewBelow') : t('aid.apply.previewAbove')}
                />
              )
            )}
            <Typography.Paragraph type="secondary" style={{ marginTop: 12, marginBottom: 0, fontSize: 12 }}>
              {t('aid.apply.previewHint')}
            </Typography.Paragraph>
          </Card>
          <Card size="small" title={t('aid.apply.bringTitle')} style={{ marginTop: 16 }}>
            <ol style={{ margin: 0, paddingLeft: 20 }}>
              <li>{t('aid.materials.applicationForm')}</li>
              <li>{t('aid.materials.identity')}</li>
              <li>{t('aid.materials.caseMaterials')}</li>
              {kind !== 'self' && <li>{t('aid.materials.proxyAuthority')}</li>}
              {exemption && <li>{t('aid.materials.assistanceProof')}</li>}
            </ol>
            <Typography.Paragraph type="secondary" style={{ marginTop: 8, marginBottom: 0, fontSize: 12 }}>
              {t('aid.apply.bringHint')}
            </Typography.Paragraph>
          </Card>
        </div>
      </Col>
    </Row>
  );
}

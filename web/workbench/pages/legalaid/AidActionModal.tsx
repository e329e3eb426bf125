import { useState } from 'react';
import { Alert, Button, Checkbox, Col, Form, Input, InputNumber, Modal, Radio, Row, Select, Space, Switch } from 'antd';
import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { api, ApiError } from '../../../shared/api/client.js';
import {
  actionPath,
  EARLY_AID_GROUNDS,
  EXEMPTIONS,
  NO_MEANS_TEST,
  TERMINATION_GROUNDS,
  type AidAction,
  type AidCase,
  type AidSettings,
  type AidSuggestion,
} from '../../../shared/api/legalaid.js';
import { useApiData } from '../../../shared/hooks/useApiData.js';
import { useErrorText } from '../../../shared/hooks/useErrorText.js';
import { useAidLabels } from './aidLabels.js';
import { MATERIAL_SUGGESTIONS, useMaterialText } from './materials.js';
import { ProviderPicker } from './ProviderPicker.js';

interface Props {
  c: AidCase;
  /** the step whose form is open, or undefined when closed */
  action: AidAction | undefined;
  onClose: () => void;
  onDone: (updated: AidCase) => void;
  /** someone else acted first (409): the page reloads */
  onConflict: () => void;
}

const WIDE: AidAction[] = ['assign', 'changeProvider', 'reassess', 'requestMaterials'];

/** One modal for every step of a case: the fields its body takes (AID_ACTION_BODIES), the version seen, 409 handled. */
export function AidActionModal({ c, action, onClose, onDone, onConflict }: Props) {
  const { t } = useTranslation('workbench');
  return (
    <Modal
      open={action !== undefined}
      title={action ? t(`aid.actions.${action}`) : undefined}
      onCancel={onClose}
      footer={null}
      destroyOnHidden
      style={{ top: 32 }}
      width={action && WIDE.includes(action) ? 900 : 600}
      styles={{ body: { maxHeight: 'calc(100vh - 180px)', overflowY: 'auto', paddingRight: 4 } }}
    >
      {action && <ActionForm c={c} action={action} onClose={onClose} onDone={onDone} onConflict={onConflict} />}
    </Modal>
  );
}

interface Values {
  opinion?: 'recommendGrant' | 'recommendRefuse';
  note?: string;
  reason?: string;
  checked?: string[];
  items?: string[];
  monthlyFamilyIncome?: number | null;
  familySize?: number | null;
  hasAgent?: boolean;
  noMeansTest?: string | null;
  exemption?: string | null;
  exemptionProof?: boolean;
  pledge?: boolean;
  ground?: string;
  decision?: 'grant' | 'refuse';
  overrideReason?: string;
  providerId?: string;
  conflictOverride?: string;
  outcome?: string;
  report?: string;
  checklist?: string[];
  satisfied?: boolean;
  grade?: 'excellent' | 'qualified' | 'unqualified';
  servedOn?: string;
}

function initialValues(c: AidCase, action: AidAction): Values {
  switch (action) {
    case 'firstReview':
      return { opinion: c.eligibility.passed ? 'recommendGrant' : 'recommendRefuse' };
    case 'requestMaterials':
      return { checked: [], items: [''] };
    case 'reassess':
      return {
        monthlyFamilyIncome: c.monthlyFamilyIncome,
        familySize: c.familySize,
        hasAgent: c.hasAgent,
        noMeansTest: c.noMeansTest,
        exemption: c.exemption,
        exemptionProof: c.exemptionProof,
        pledge: c.pledge,
      };
    case 'decide':
      return { decision: c.eligibility.passed ? 'grant' : undefined };
    case 'earlyAid':
      return { ground: c.limitationExpiresOn ? 'limitationExpiring' : undefined };
    case 'archive':
      return { checklist: [] };
    case 'serve':
      return { servedOn: new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10) };
    default:
      return {};
  }
}

function ActionForm({ c, action, onClose, onDone, onConflict }: Omit<Props, 'action'> & { action: AidAction }) {
  const { t } = useTranslation('workbench');
  const labels = useAidLabels();
  const errorText = useErrorText();
  const materialText = useMaterialText();
  const [form] = Form.useForm<Values>();
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState(false);
  /** conflicts the server reported for the chosen provider (the list may have been read before they arose) */
  const [serverConflicts, setServerConflicts] = useState<{ providerId: string; conflicts: string[] }>();
  const picking = action === 'assign' || action === 'changeProvider';
  const suggestions = useApiData<AidSuggestion[]>(
    (signal) => (picking ? api.get<AidSuggestion[]>(`/legal-aid/cases/${c.id}/suggestions`, undefined, signal) : Promise.resolve([])),
    [c.id, picking],
  );
  const settings = useApiData<AidSettings | null>(
    (signal) =>
      action === 'requestMaterials' || action === 'terminate' || action === 'decide'
        ? api.get<AidSettings>('/legal-aid/settings', undefined, signal).catch(() => null)
        : Promise.resolve(null),
    [action],
  );
  const decision = Form.useWatch('decision', form);
  const providerId = Form.useWatch('providerId', form);
  const exemption = Form.useWatch('exemption', form);
  const chosen = suggestions.data?.find((s) => s.id === providerId);
  const conflicts = [
    ...(chosen?.conflicts ?? []),
    ...(serverConflicts && serverConflicts.providerId === providerId ? serverConflicts.conflicts : []),
  ].filter((k, i, all) => all.indexOf(k) === i);
  const needsOverride = action === 'decide' && decision === 'grant' && !c.eligibility.passed;
  const failed = c.eligibility.criteria.filter((k) => !k.passed);

  const trim = (s: string | undefined) => s?.trim() ?? '';
  const bodyOf = (v: Values): Record<string, unknown> => {
    switch (action) {
      case 'firstReview':
        return { opinion: v.opinion, note: trim(v.note) };
      case 'requestMaterials': {
        const picked = MATERIAL_SUGGESTIONS.filter((k) => v.checked?.includes(k)).map(materialText);
        const extra = (v.items ?? []).map((i) => i?.trim()).filter(Boolean);
        return { items: [...picked, ...extra], ...(trim(v.note) && { note: trim(v.note) }) };
      }
      case 'materialsReceived':
        return trim(v.note) ? { note: trim(v.note) } : {};
      case 'withdraw':
        return { reason: trim(v.reason) };
      case 'reassess':
        return {
          ...(typeof v.monthlyFamilyIncome === 'number' && { monthlyFamilyIncome: v.monthlyFamilyIncome }),
          ...(typeof v.familySize === 'number' && { familySize: v.familySize }),
          hasAgent: Boolean(v.hasAgent),
          noMeansTest: v.noMeansTest ?? null,
          exemption: v.exemption ?? null,
          exemptionProof: Boolean(v.exemption) && Boolean(v.exemptionProof),
          pledge: Boolean(v.pledge),
          ...(trim(v.note) && { note: trim(v.note) }),
        };
      case 'earlyAid':
        return { ground: v.ground, note: trim(v.note) };
      case 'decide':
        return { decision: v.decision, reason: trim(v.reason), ...(needsOverride && { overrideReason: trim(v.overrideReason) }) };
      case 'assign':
        return {
          providerId: v.providerId,
          ...(conflicts.length && { conflictOverride: trim(v.conflictOverride) }),
          ...(trim(v.note) && { note: trim(v.note) }),
        };
      case 'changeProvider':
        return {
          providerId: v.providerId,
          reason: trim(v.reason),
          ...(conflicts.length && { conflictOverride: trim(v.conflictOverride) }),
        };
      case 'progress':
        return { note: trim(v.note) };
      case 'terminate':
        return { ground: v.ground, reason: trim(v.reason) };
      case 'serve':
        return { servedOn: v.servedOn, ...(trim(v.note) && { note: trim(v.note) }) };
      case 'close':
        return { outcome: trim(v.outcome), report: trim(v.report) };
      case 'archive':
        return { checklist: c.archiveItems.filter((k) => v.checklist?.includes(k)) };
      case 'followUp':
        return { satisfied: v.satisfied, note: trim(v.note) };
      case 'rateQuality':
        return { grade: v.grade, note: trim(v.note) };
    }
  };

  const submit = async (v: Values) => {
    setBusy(true);
    setError(undefined);
    try {
      onDone(await api.post<AidCase>(`/legal-aid/cases/${c.id}/${actionPath(action)}`, { version: c.version, ...bodyOf(v) }));
    } catch (e) {
      if (e instanceof ApiError && e.status === 409 && (e.code === 'VERSION_CONFLICT' || e.code === 'INVALID_TRANSITION')) onConflict();
      else {
        if (e instanceof ApiError && e.code === 'AID_CONFLICT_OF_INTEREST' && v.providerId) {
          const found = (e.details as { conflicts?: unknown } | undefined)?.conflicts;
          setServerConflicts({ providerId: v.providerId, conflicts: Array.isArray(found) ? found.map(String) : [] });
        }
        setError(e);
      }
    } finally {
      setBusy(false);
    }
  };

  const required = (message: string) => [{ required: true, message }];
  const text = (message: string, min = 2) => [
    { required: true, whitespace: true, message },
    { min, message: t('aid.form.atLeast', { n: min }) },
  ];
  const note = (label = t('aid.form.noteOptional'), max = 2000) => (
    <Form.Item name="note" label={label} rules={[{ max }]}>
      <Input.TextArea rows={2} maxLength={max} data-testid="aid-action-note" />
    </Form.Item>
  );

  return (
    <Form<Values>
      form={form}
      layout="vertical"
      onFinish={(v) => void submit(v)}
      disabled={busy}
      initialValues={initialValues(c, action)}
      data-testid="aid-action-form"
      data-action={action}
    >
      {action === 'firstReview' && (
        <>
          <Alert type="info" showIcon title={t('aid.form.firstReviewNotice')} style={{ marginBottom: 16 }} />
          <Form.Item name="opinion" label={t('aid.form.opinion')} rules={required(t('aid.form.opinionRequired'))}>
            <Radio.Group
              optionType="button"
              options={[
                { value: 'recommendGrant', label: t('aid.opinions.recommendGrant') },
                { value: 'recommendRefuse', label: t('aid.opinions.recommendRefuse') },
              ]}
              data-testid="aid-action-opinion"
            />
          </Form.Item>
          {note(t('aid.form.firstReviewNote'))}
        </>
      )}

      {action === 'requestMaterials' && (
        <>
          <Alert
            type="warning"
            showIcon
            title={t('aid.form.materialsNotice', { days: settings.data?.materialsDays ?? '…' })}
            style={{ marginBottom: 16 }}
            data-testid="aid-action-pause-notice"
          />
          <Form.Item name="checked" label={t('aid.form.materialsChecklist')}>
            <Checkbox.Group style={{ display: 'grid', gridTemplateColumns: '1fr 1fr', gap: 6 }} data-testid="aid-action-materials">
              {MATERIAL_SUGGESTIONS.map((k) => (
                <Checkbox key={k} value={k} data-testid={`aid-material-${k}`}>
                  {t(`aid.materials.${k}`)}
                </Checkbox>
              ))}
            </Checkbox.Group>
          </Form.Item>
          <Form.Item label={t('aid.form.materialsExtra')} extra={t('aid.form.materialsHint')}>
            <Form.List
              name="items"
              rules={[
                {
                  // the checklist and the free lines together must name at least one item
                  validator: async (_, items: string[] | undefined) =>
                    (form.getFieldValue('checked') as string[] | undefined)?.length || (items ?? []).some((i) => i?.trim())
                      ? undefined
                      : Promise.reject(new Error(t('aid.form.materialsRequired'))),
                },
              ]}
            >
              {(fields, { add, remove }, { errors }) => (
                <>
                  {fields.map((field, i) => (
                    <Space key={field.key} align="baseline" className="item-line">
                      <span style={{ color: '#8c8c8c', width: 20, textAlign: 'right' }}>{i + 1}.</span>
                      <Form.Item name={field.name} style={{ marginBottom: 8 }} rules={[{ max: 200 }]}>
                        <Input maxLength={200} placeholder={t('aid.form.materialPlaceholder')} data-testid="aid-action-item" />
                      </Form.Item>
                      {fields.length > 1 && (
                        <MinusCircleOutlined onClick={() => remove(field.name)} aria-label={t('requests.form.removeItem')} />
                      )}
                    </Space>
                  ))}
                  <Button type="dashed" onClick={() => add('')} icon={<PlusOutlined />} data-testid="aid-action-add-item">
                    {t('requests.form.addItem')}
                  </Button>
                  <Form.ErrorList errors={errors} />
                </>
              )}
            </Form.List>
          </Form.Item>
          {note()}
        </>
      )}

      {action === 'materialsReceived' && (
        <>
          <Alert type="info" showIcon title={t('aid.form.materialsReceivedNotice')} style={{ marginBottom: 16 }} />
          {(c.missingMaterials ?? []).length > 0 && (
            <ol style={{ marginTop: 0 }} data-testid="aid-action-missing">
              {(c.missingMaterials ?? []).map((m, i) => (
                <li key={i}>{m}</li>
              ))}
            </ol>
          )}
          {note()}
        </>
      )}

      {action === 'withdraw' && (
        <>
          <Alert type="warning" showIcon title={t('aid.form.withdrawNotice')} style={{ marginBottom: 16 }} />
          <Form.Item name="reason" label={t('aid.form.withdrawReason')} rules={text(t('aid.form.reasonRequired'))}>
            <Input.TextArea rows={3} maxLength={2000} showCount data-testid="aid-action-reason" />
          </Form.Item>
        </>
      )}

      {action === 'reassess' && (
        <>
          <Alert type="info" showIcon title={t('aid.form.reassessNotice')} style={{ marginBottom: 16 }} />
          <Row gutter={16}>
            <Col xs={24} sm={8}>
              <Form.Item name="monthlyFamilyIncome" label={t('aid.form.familyIncome')}>
                <InputNumber
                  min={0}
                  max={10_000_000}
                  precision={2}
                  style={{ width: '100%' }}
                  suffix={t('aid.yuan')}
                  data-testid="aid-action-income"
                />
              </Form.Item>
            </Col>
            <Col xs={24} sm={8}>
              <Form.Item name="familySize" label={t('aid.form.familySize')}>
                <InputNumber min={1} max={30} precision={0} style={{ width: '100%' }} data-testid="aid-action-family-size" />
              </Form.Item>
            </Col>
            <Col xs={24} sm={8}>
              <Form.Item name="hasAgent" label={t('aid.form.hasAgent')} valuePropName="checked">
                <Switch checkedChildren={t('aid.yes')} unCheckedChildren={t('aid.no')} />
              </Form.Item>
            </Col>
          </Row>
          <Form.Item name="noMeansTest" label={t('aid.form.noMeansTest')}>
            <Select
              allowClear
              placeholder={t('aid.form.none')}
              options={NO_MEANS_TEST.map((k) => ({ value: k, label: labels.noMeansTest(k) }))}
            />
          </Form.Item>
          <Row gutter={16}>
            <Col xs={24} sm={16}>
              <Form.Item name="exemption" label={t('aid.form.exemption')}>
                <Select
                  allowClear
                  placeholder={t('aid.form.none')}
                  options={EXEMPTIONS.map((k) => ({ value: k, label: labels.exemption(k) }))}
                />
              </Form.Item>
            </Col>
            <Col xs={24} sm={8}>
              <Form.Item name="exemptionProof" label={t('aid.form.exemptionProof')} valuePropName="checked">
                <Switch disabled={!exemption} checkedChildren={t('aid.yes')} unCheckedChildren={t('aid.no')} />
              </Form.Item>
            </Col>
          </Row>
          <Form.Item name="pledge" valuePropName="checked">
            <Checkbox>{t('aid.form.pledge')}</Checkbox>
          </Form.Item>
          {note(t('aid.form.reassessNote'))}
        </>
      )}

      {action === 'earlyAid' && (
        <>
          <Alert
            type="info"
            showIcon
            title={t('aid.form.earlyAidNotice')}
            description={c.limitationExpiresOn ? t('aid.form.limitationDate', { day: c.limitationExpiresOn }) : undefined}
            style={{ marginBottom: 16 }}
          />
          <Form.Item name="ground" label={t('aid.form.earlyAidGround')} rules={required(t('aid.form.groundRequired'))}>
            <Radio.Group
              style={{ display: 'flex', flexDirection: 'column', gap: 6 }}
              options={EARLY_AID_GROUNDS.map((k) => ({ value: k, label: labels.earlyAid(k) }))}
              data-testid="aid-action-ground"
            />
          </Form.Item>
          <Form.Item name="note" label={t('aid.form.earlyAidNote')} rules={text(t('aid.form.reasonRequired'))}>
            <Input.TextArea rows={3} maxLength={2000} showCount data-testid="aid-action-note" />
          </Form.Item>
        </>
      )}

      {action === 'decide' && (
        <>
          <Form.Item name="decision" label={t('aid.form.decision')} rules={required(t('aid.form.decisionRequired'))}>
            <Radio.Group
              optionType="button"
              buttonStyle="solid"
              options={[
                { value: 'grant', label: t('aid.decisions.grant') },
                { value: 'refuse', label: t('aid.decisions.refuse') },
              ]}
              data-testid="aid-action-decision"
            />
          </Form.Item>
          {!c.eligibility.passed && (
            <Alert
              type={decision === 'grant' ? 'warning' : 'info'}
              showIcon
              title={t('aid.form.eligibilityFailed')}
              description={
                <ul style={{ margin: 0, paddingLeft: 20 }}>
                  {failed.map((k) => (
                    <li key={k.code}>
                      {t(`aid.criteria.${k.code}`)}：{k.reason}
                    </li>
                  ))}
                </ul>
              }
              style={{ marginBottom: 16 }}
              data-testid="aid-action-eligibility-failed"
            />
          )}
          {decision === 'refuse' && (
            <Alert
              type="info"
              showIcon
              title={t(settings.data && settings.data.objectionDays === null ? 'aid.form.refuseNoticeNoPeriod' : 'aid.form.refuseNotice', {
                days: settings.data?.objectionDays ?? '…',
              })}
              style={{ marginBottom: 16 }}
            />
          )}
          <Form.Item
            name="reason"
            label={decision === 'refuse' ? t('aid.form.refuseReason') : t('aid.form.grantReason')}
            rules={text(t('aid.form.reasonRequired'))}
          >
            <Input.TextArea rows={3} maxLength={2000} showCount data-testid="aid-action-reason" />
          </Form.Item>
          {needsOverride && (
            <Form.Item
              name="overrideReason"
              label={t('aid.form.overrideReason')}
              extra={t('aid.form.overrideHint')}
              rules={text(t('aid.form.overrideRequired'))}
            >
              <Input.TextArea rows={3} maxLength={2000} showCount data-testid="aid-action-override" />
            </Form.Item>
          )}
        </>
      )}

      {picking && (
        <>
          {action === 'changeProvider' && c.provider && (
            <Alert type="info" showIcon title={t('aid.form.currentProvider', { name: c.provider.name })} style={{ marginBottom: 16 }} />
          )}
          <Form.Item
            name="providerId"
            label={t('aid.form.provider')}
            extra={t('aid.form.providerHint')}
            rules={required(t('aid.form.providerRequired'))}
          >
            <ProviderPicker suggestions={suggestions} exclude={action === 'changeProvider' ? c.provider?.id : undefined} />
          </Form.Item>
          {conflicts.length > 0 && (
            <>
              <Alert
                type="error"
                showIcon
                title={t('aid.form.conflictTitle', { name: chosen?.name ?? '' })}
                description={
                  <>
                    <ul style={{ margin: 0, paddingLeft: 20 }}>
                      {conflicts.map((k) => (
                        <li key={k}>{k}</li>
                      ))}
                    </ul>
                    {t('aid.form.conflictHint', { party: c.opposingParty ?? '' })}
                  </>
                }
                style={{ marginBottom: 16 }}
                data-testid="aid-conflict-warning"
              />
              <Form.Item
                name="conflictOverride"
                label={t('aid.form.conflictOverride')}
                rules={text(t('aid.form.conflictOverrideRequired'))}
              >
                <Input.TextArea rows={2} maxLength={2000} showCount data-testid="aid-action-conflict-override" />
              </Form.Item>
            </>
          )}
          {action === 'assign' ? (
            note()
          ) : (
            <Form.Item name="reason" label={t('aid.form.changeReason')} rules={text(t('aid.form.reasonRequired'))}>
              <Input.TextArea rows={2} maxLength={2000} showCount data-testid="aid-action-reason" />
            </Form.Item>
          )}
        </>
      )}

      {action === 'progress' && (
        <Form.Item name="note" label={t('aid.form.progress')} rules={text(t('aid.form.progressRequired'))}>
          <Input.TextArea
            rows={5}
            maxLength={5000}
            showCount
            placeholder={t('aid.form.progressPlaceholder')}
            data-testid="aid-action-note"
          />
        </Form.Item>
      )}

      {action === 'terminate' && (
        <>
          <Alert
            type="warning"
            showIcon
            title={t(
              settings.data && settings.data.objectionDays === null ? 'aid.form.terminateNoticeNoPeriod' : 'aid.form.terminateNotice',
              {
                days: settings.data?.objectionDays ?? '…',
              },
            )}
            style={{ marginBottom: 16 }}
          />
          <Form.Item name="ground" label={t('aid.form.terminationGround')} rules={required(t('aid.form.groundRequired'))}>
            <Radio.Group
              style={{ display: 'flex', flexDirection: 'column', gap: 6 }}
              options={TERMINATION_GROUNDS.map((k) => ({ value: k, label: labels.termination(k) }))}
              data-testid="aid-action-ground"
            />
          </Form.Item>
          <Form.Item name="reason" label={t('aid.form.terminationReason')} rules={text(t('aid.form.reasonRequired'))}>
            <Input.TextArea rows={3} maxLength={2000} showCount data-testid="aid-action-reason" />
          </Form.Item>
        </>
      )}

      {action === 'serve' && (
        <>
          <Form.Item
            name="servedOn"
            label={t('aid.form.servedOn')}
            extra={t('aid.form.servedHint')}
            rules={required(t('aid.form.servedOnRequired'))}
          >
            <Input type="date" style={{ width: 180 }} data-testid="aid-action-served-on" />
          </Form.Item>
          {note()}
        </>
      )}

      {action === 'close' && (
        <>
          <Form.Item name="outcome" label={t('aid.form.outcome')} rules={text(t('aid.form.outcomeRequired'))}>
            <Input maxLength={500} placeholder={t('aid.form.outcomePlaceholder')} data-testid="aid-action-outcome" />
          </Form.Item>
          <Form.Item name="report" label={t('aid.form.report')} rules={text(t('aid.form.reportRequired'), 10)}>
            <Input.TextArea
              rows={8}
              maxLength={10000}
              showCount
              placeholder={t('aid.form.reportPlaceholder')}
              data-testid="aid-action-report"
            />
          </Form.Item>
        </>
      )}

      {action === 'archive' && (
        <>
          <Alert type="info" showIcon title={t('aid.form.archiveNotice')} style={{ marginBottom: 16 }} />
          <Form.Item
            name="checklist"
            label={t('aid.form.archiveChecklist')}
            rules={[
              {
                validator: async (_, v: string[] | undefined) =>
                  c.archiveItems.every((k) => v?.includes(k)) ? undefined : Promise.reject(new Error(t('aid.form.archiveIncomplete'))),
              },
            ]}
          >
            <Checkbox.Group style={{ display: 'grid', gridTemplateColumns: '1fr 1fr', gap: 6 }} data-testid="aid-action-checklist">
              {c.archiveItems.map((k) => (
                <Checkbox key={k} value={k} data-testid={`aid-archive-${k}`}>
                  {t(`aid.archiveItems.${k}`)}
                </Checkbox>
              ))}
            </Checkbox.Group>
          </Form.Item>
        </>
      )}

      {action === 'followUp' && (
        <>
          <Form.Item name="satisfied" label={t('aid.form.satisfied')} rules={required(t('aid.form.satisfiedRequired'))}>
            <Radio.Group
              optionType="button"
              options={[
                { value: true, label: t('aid.satisfied') },
                { value: false, label: t('aid.dissatisfied') },
              ]}
              data-testid="aid-action-satisfied"
            />
          </Form.Item>
          {note(t('aid.form.followUpNote'))}
        </>
      )}

      {action === 'rateQuality' && (
        <>
          <Form.Item name="grade" label={t('aid.form.grade')} rules={required(t('aid.form.gradeRequired'))}>
            <Radio.Group
              optionType="button"
              options={(['excellent', 'qualified', 'unqualified'] as const).map((g) => ({ value: g, label: t(`aid.grades.${g}`) }))}
              data-testid="aid-action-grade"
            />
          </Form.Item>
          {note(t('aid.form.gradeNote'))}
        </>
      )}

      {error !== undefined && (
        <Alert
          type="error"
          showIcon
          title={errorText(error)}
          style={{ marginBottom: 16 }}
          data-testid="aid-action-error"
          data-code={error instanceof ApiError ? error.code : ''}
        />
      )}
      <Space style={{ width: '100%', justifyContent: 'flex-end' }}>
        <Button onClick={onClose} data-testid="aid-action-cancel">
          {t('action.cancel')}
        </Button>
        <Button
          type="primary"
          htmlType="submit"
          loading={busy}
          danger={action === 'withdraw' || action === 'terminate' || (action === 'decide' && decision === 'refuse')}
          data-testid="aid-action-ok"
        >
          {t(`aid.actions.${action}`)}
        </Button>
      </Space>
    </Form>
  );
}

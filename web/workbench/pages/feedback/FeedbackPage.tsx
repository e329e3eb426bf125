import { useState } from 'react';
import { Alert, App, Button, Card, Form, Input, Modal, Radio, Segmented, Switch, Table, Tabs, Tag, type TableColumnsType } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { api } from '../../../shared/api/client.js';
import type { EvaluationStat, FollowUpCall, Rectification } from '../../../shared/api/types.js';
import { formatDateTime, lastDayOf } from '../../../shared/format.js';
import { formatTrackingNo } from '../../../shared/tracking.js';
import { useApiData } from '../../../shared/hooks/useApiData.js';
import { useErrorText } from '../../../shared/hooks/useErrorText.js';
import { ExportButton } from '../../components/ExportButton.js';

type Grade = 1 | 2 | 3 | 4 | 5;

/** Each tab's switch or choice on the left, its 导出 Excel on the right (wrapping on a phone). */
const TOOLBAR = {
  display: 'flex',
  flexWrap: 'wrap',
  justifyContent: 'space-between',
  alignItems: 'center',
  gap: 8,
  marginBottom: 12,
} as const;

/** 好差评与整改: rectifications after bad ratings, the follow-up calls, and the ratings per site or person. */
export function FeedbackPage() {
  const { t } = useTranslation('workbench');
  return (
    <Card size="small" title={t('feedback.title')} data-testid="feedback-page">
      <Tabs
        items={[
          { key: 'rectifications', label: t('feedback.tabs.rectifications'), children: <Rectifications /> },
          { key: 'followUps', label: t('feedback.tabs.followUps'), children: <FollowUps /> },
          { key: 'stats', label: t('feedback.tabs.stats'), children: <Stats /> },
        ]}
      />
    </Card>
  );
}

function Rectifications() {
  const { t, i18n } = useTranslation('workbench');
  const errorText = useErrorText();
  const { message } = App.useApp();
  const [showDone, setShowDone] = useState(false);
  const [editing, setEditing] = useState<Rectification>();
  const [saving, setSaving] = useState(false);
  const [form] = Form.useForm<{ measures: string }>();
  const list = useApiData((signal) => api.get<Rectification[]>('/rectifications', showDone ? {} : { status: 'open' }, signal), [showDone]);

  const save = async () => {
    const { measures } = await form.validateFields();
    if (!editing) return;
    setSaving(true);
    try {
      await api.post(`/rectifications/${editing.id}/complete`, { measures });
      void message.success(t('feedback.saved'));
      setEditing(undefined);
      list.reload();
    } catch (error) {
      void message.error(errorText(error));
    } finally {
      setSaving(false);
    }
  };

  const columns: TableColumnsType<Rectification> = [
    {
      title: t('feedback.trackingNo'),
      dataIndex: 'trackingNo',
      width: 170,
      render: (no: string, r) => (
        <Link to={`/requests/${r.requestId}`} className="mono">
          {formatTrackingNo(no)}
        </Link>
      ),
    },
    { title: t('feedback.serviceItem'), dataIndex: 'serviceItemName', width: 110 },
    {
      title: t('feedback.grade'),
      dataIndex: 'grade',
      width: 110,
      render: (g: Grade) => <Tag color="red">{t(`feedback.grades.g${g}`)}</Tag>,
    },
    { title: t('feedback.comment'), dataIndex: 'comment', ellipsis: true },
    { title: t('feedback.site'), dataIndex: 'siteName', width: 200, ellipsis: true },
    { title: t('feedback.staff'), dataIndex: 'staffName', width: 110 },
    { title: t('feedback.dueAt'), dataIndex: 'dueAt', width: 110, render: (d: string) => lastDayOf(d) },
    {
      title: t('feedback.status'),
      dataIndex: 'status',
      width: 200,
      render: (s: Rectification['status'], r) =>
        s === 'done' ? (
          <span title={r.measures ?? ''}>
            <Tag color="green">{t('feedback.done')}</Tag>
            {formatDateTime(r.doneAt, i18n.language)}
          </span>
        ) : (
          <Button
            size="small"
            type="primary"
            ghost
            onClick={() => (form.resetFields(), setEditing(r))}
            data-testid="rectification-complete"
          >
            {t('feedback.complete')}
          </Button>
        ),
    },
  ];

  return (
    <>
      <div style={TOOLBAR}>
        <span>
          <Switch checked={showDone} onChange={setShowDone} /> <span>{t('feedback.showDone')}</span>
        </span>
        <ExportButton path="/rectifications" query={showDone ? {} : { status: 'open' }} />
      </div>
      {list.error !== undefined && <Alert type="error" showIcon title={errorText(list.error)} style={{ marginBottom: 12 }} />}
      <div data-testid="rectifications-table">
        <Table<Rectification>
          rowKey="id"
          size="middle"
          columns={columns}
          dataSource={list.data}
          loading={list.loading}
          pagination={false}
          locale={{ emptyText: t('feedback.empty') }}
          scroll={{ x: 1100 }}
        />
      </div>
      <Modal
        open={!!editing}
        title={`${t('feedback.completeTitle')} · ${editing ? formatTrackingNo(editing.trackingNo) : ''}`}
        onCancel={() => setEditing(undefined)}
        onOk={() => void save()}
        confirmLoading={saving}
      >
        <Form form={form} layout="vertical">
          <Form.Item name="measures" label={t('feedback.measures')} rules={[{ required: true, whitespace: true, min: 2 }]}>
            <Input.TextArea rows={4} maxLength={2000} showCount placeholder={t('feedback.measuresPlaceholder')} />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}

interface CallForm {
  outcome: 'reached' | 'unreachable' | 'declined';
  satisfied?: boolean;
  note?: string;
}

function FollowUps() {
  const { t, i18n } = useTranslation('workbench');
  const errorText = useErrorText();
  const { message } = App.useApp();
  const [showDone, setShowDone] = useState(false);
  const [calling, setCalling] = useState<FollowUpCall>();
  const [saving, setSaving] = useState(false);
  const [form] = Form.useForm<CallForm>();
  const outcome = Form.useWatch('outcome', form);
  const list = useApiData(
    (signal) => api.get<FollowUpCall[]>('/follow-up-calls', showDone ? {} : { status: 'planned' }, signal),
    [showDone],
  );

  const save = async () => {
    const values = await form.validateFields();
    if (!calling) return;
    setSaving(true);
    try {
      await api.post(`/follow-up-calls/${calling.id}`, {
        outcome: values.outcome,
        ...(values.outcome === 'reached' && values.satisfied !== undefined ? { satisfied: values.satisfied } : {}),
        ...(values.note ? { note: values.note } : {}),
      });
      void message.success(t('feedback.saved'));
      setCalling(undefined);
      list.reload();
    } catch (error) {
      void message.error(errorText(error));
    } finally {
      setSaving(false);
    }
  };

  const columns: TableColumnsType<FollowUpCall> = [
    {
      title: t('feedback.trackingNo'),
      dataIndex: 'trackingNo',
      width: 170,
      render: (no: string, r) => (
        <Link to={`/requests/${r.requestId}`} className="mono">
          {formatTrackingNo(no)}
        </Link>
      ),
    },
    { title: t('feedback.serviceItem'), dataIndex: 'serviceItemName', width: 110 },
    { title: t('feedback.requester'), dataIndex: 'requesterName', width: 100 },
    { title: t('feedback.phone'), dataIndex: 'requesterPhone', width: 130, className: 'mono' },
    {
      title: t('feedback.outcome'),
      dataIndex: 'outcome',
      render: (o: FollowUpCall['outcome'], r) =>
        o ? (
          <span>
            <Tag>{t(`feedback.outcomes.${o}`)}</Tag>
            {r.satisfied === null ? '' : r.satisfied ? t('feedback.yes') : t('feedback.no')} {r.note}
          </span>
        ) : (
          <Tag color="orange">{t('feedback.planned')}</Tag>
        ),
    },
    { title: t('feedback.calledAt'), dataIndex: 'calledAt', width: 150, render: (d: string | null) => formatDateTime(d, i18n.language) },
    {
      key: 'action',
      width: 110,
      render: (_, r) =>
        r.status === 'planned' && (
          <Button size="small" type="primary" ghost onClick={() => (form.resetFields(), setCalling(r))} data-testid="follow-up-record">
            {t('feedback.record')}
          </Button>
        ),
    },
  ];

  return (
    <>
      <div style={TOOLBAR}>
        <span>
          <Switch checked={showDone} onChange={setShowDone} /> <span>{t('feedback.showDone')}</span>
        </span>
        <ExportButton path="/follow-up-calls" query={showDone ? {} : { status: 'planned' }} />
      </div>
      {list.error !== undefined && <Alert type="error" showIcon title={errorText(list.error)} style={{ marginBottom: 12 }} />}
      <div data-testid="follow-ups-table">
        <Table<FollowUpCall>
          rowKey="id"
          size="middle"
          columns={columns}
          dataSource={list.data}
          loading={list.loading}
          pagination={false}
          locale={{ emptyText: t('feedback.empty') }}
          scroll={{ x: 1000 }}
        />
      </div>
      <Modal
        open={!!calling}
        title={`${t('feedback.recordTitle')} · ${calling?.requesterName ?? ''} ${calling?.requesterPhone ?? ''}`}
        onCancel={() => setCalling(undefined)}
        onOk={() => void save()}
        confirmLoading={saving}
      >
        <Form form={form} layout="vertical" initialValues={{ outcome: 'reached' }}>
          <Form.Item name="outcome" label={t('feedback.outcome')} rules={[{ required: true }]}>
            <Radio.Group
              optionType="button"
              options={(['reached', 'unreachable', 'declined'] as const).map((o) => ({ value: o, label: t(`feedback.outcomes.${o}`) }))}
            />
          </Form.Item>
          {outcome === 'reached' && (
            <Form.Item name="satisfied" label={t('feedback.satisfied')}>
              <Radio.Group
                options={[
                  { value: true, label: t('feedback.yes') },
                  { value: false, label: t('feedback.no') },
                ]}
              />
            </Form.Item>
          )}
          <Form.Item name="note" label={t('feedback.note')}>
            <Input.TextArea rows={3} maxLength={1000} showCount />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}

function Stats() {
  const { t } = useTranslation('workbench');
  const errorText = useErrorText();
  const [by, setBy] = useState<'site' | 'staff'>('site');
  const stats = useApiData((signal) => api.get<EvaluationStat[]>('/evaluations/stats', { by }, signal), [by]);
  const columns: TableColumnsType<EvaluationStat> = [
    { title: t('feedback.name'), dataIndex: 'name' },
    { title: t('feedback.count'), dataIndex: 'count', width: 100, align: 'right' },
    { title: t('feedback.average'), dataIndex: 'average', width: 100, align: 'right', render: (v: number) => v.toFixed(2) },
    {
      title: t('feedback.satisfiedRate'),
      dataIndex: 'satisfiedRate',
      width: 110,
      align: 'right',
      render: (v: number) => `${(v * 100).toFixed(1)}%`,
    },
    {
      title: t('feedback.bad'),
      dataIndex: 'bad',
      width: 100,
      align: 'right',
      render: (v: number) => (v > 0 ? <Tag color="red">{v}</Tag> : v),
    },
  ];
  return (
    <>
      <div style={TOOLBAR}>
        <span>
          <span>{t('feedback.by')}：</span>
          <Segmented
            value={by}
            onChange={(v) => setBy(v as 'site' | 'staff')}
            options={[
              { value: 'site', label: t('feedback.bySite') },
              { value: 'staff', label: t('feedback.byStaff') },
            ]}
          />
        </span>
        <ExportButton path="/evaluations/stats" query={{ by }} />
      </div>
      {stats.error !== undefined && <Alert type="error" showIcon title={errorText(stats.error)} style={{ marginBottom: 12 }} />}
      <div data-testid="evaluation-stats-table">
        <Table<EvaluationStat>
          rowKey="key"
          size="middle"
          columns={columns}
          dataSource={stats.data}
          loading={stats.loading}
          pagination={false}
          locale={{ emptyText: t('feedback.empty') }}
        />
      </div>
    </>
  );
}

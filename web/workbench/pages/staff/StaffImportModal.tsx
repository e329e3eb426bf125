import { useState } from 'react';
import { Alert, App, Button, Modal, Space, Table, Typography, Upload, type TableColumnsType } from 'antd';
import { DownloadOutlined, InboxOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { api, API_BASE, ApiError } from '../../../shared/api/client.js';
import type { ImportedStaff, ImportProblem } from '../../../shared/api/types.js';
import { useErrorText } from '../../../shared/hooks/useErrorText.js';
import { isEnglish } from '../../../shared/i18n.js';
import { copyText } from '../../copyText.js';

interface Props {
  open: boolean;
  onClose: () => void;
  onImported: () => void;
}

const MAX_BYTES = 5 * 1024 * 1024;
const FIELDS = ['username', 'displayName', 'phone', 'site', 'posts', 'file'] as const;
type Field = (typeof FIELDS)[number];
const isField = (value: string): value is Field => (FIELDS as readonly string[]).includes(value);

function problemsOf(error: unknown): ImportProblem[] | undefined {
  if (!(error instanceof ApiError) || error.code !== 'STAFF_IMPORT_INVALID') return undefined;
  const rows = (error.details as { rows?: unknown } | undefined)?.rows;
  return Array.isArray(rows) ? (rows as ImportProblem[]) : [];
}

/** Import staff from an .xlsx sheet: all rows or none. Problems come back row by row; passwords once. */
export function StaffImportModal({ open, onClose, onImported }: Props) {
  const { t, i18n } = useTranslation('workbench');
  const errorText = useErrorText();
  const { message } = App.useApp();
  const [file, setFile] = useState<File>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();
  const [created, setCreated] = useState<ImportedStaff[]>();
  const problems = problemsOf(error);

  const reset = () => {
    setFile(undefined);
    setError(undefined);
    setCreated(undefined);
  };
  const close = () => {
    if (created) onImported();
    reset();
    onClose();
  };

  const submit = async () => {
    if (!file) return void message.warning(t('staffImport.chooseFirst'));
    setBusy(true);
    setError(undefined);
    try {
      const form = new FormData();
      form.append('file', file);
      const result = await api.upload<{ created: ImportedStaff[] }>('/staff/import', form);
      setCreated(result.created);
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  const copyAll = async () => {
    if (!created) return;
    const header = [t('staffImport.row'), t('staff.username'), t('staff.displayName'), t('staff.tempPassword')].join('\t');
    const lines = created.map((c) => [c.row, c.username, c.displayName, c.temporaryPassword].join('\t'));
    if (await copyText([header, ...lines].join('\n'))) message.success(t('action.copied'));
  };

  const fieldLabel = (field: string) => (isField(field) ? t(`staffImport.fields.${field}`) : field);
  const problemColumns: TableColumnsType<ImportProblem> = [
    { title: t('staffImport.row'), dataIndex: 'row', width: 80, render: (row: number) => (row > 0 ? row : t('staffImport.fileLevel')) },
    { title: t('staffImport.field'), dataIndex: 'field', width: 100, render: fieldLabel },
    { title: t('staffImport.problem'), key: 'problem', render: (_, p) => (isEnglish(i18n.language) ? p.problemEn : p.problem) },
  ];
  const createdColumns: TableColumnsType<ImportedStaff> = [
    { title: t('staffImport.row'), dataIndex: 'row', width: 70 },
    { title: t('staff.username'), dataIndex: 'username', render: (u: string) => <span className="mono">{u}</span> },
    { title: t('staff.displayName'), dataIndex: 'displayName' },
    {
      title: t('staff.tempPassword'),
      dataIndex: 'temporaryPassword',
      render: (p: string) => (
        <Typography.Text className="mono" copyable>
          {p}
        </Typography.Text>
      ),
    },
  ];

  return (
    <Modal
      open={open}
      title={t('staffImport.title')}
      onCancel={close}
      width={760}
      destroyOnHidden
      mask={{ closable: false }}
      footer={
        created ? (
          <Space>
            <Button onClick={reset}>{t('staffImport.again')}</Button>
            <Button type="primary" onClick={close}>
              {t('action.close')}
            </Button>
          </Space>
        ) : (
          <Space>
            <Button onClick={close}>{t('action.cancel')}</Button>
            <Button type="primary" loading={busy} disabled={!file} onClick={() => void submit()} data-testid="staff-import-submit">
              {t('staffImport.submit')}
            </Button>
          </Space>
        )
      }
    >
      {created ? (
        <div data-testid="staff-import-created">
          <Alert
            type="success"
            showIcon
            title={t('staffImport.successTitle', { count: created.length })}
            description={t('staffImport.successDesc')}
            action={
              <Button size="small" onClick={() => void copyAll()} data-testid="staff-import-copy">
                {t('staffImport.copyAll')}
              </Button>
            }
            style={{ marginBottom: 12 }}
          />
          <Table<ImportedStaff>
            rowKey="row"
            size="small"
            columns={createdColumns}
            dataSource={created}
            pagination={false}
            scroll={{ y: 360 }}
          />
        </div>
      ) : (
        <Space orientation="vertical" size={16} style={{ width: '100%' }}>
          <div>
            <Typography.Paragraph style={{ marginBottom: 8 }}>{t('staffImport.step1')}</Typography.Paragraph>
            <Button icon={<DownloadOutlined />} href={`${API_BASE}/staff/import-template`} download data-testid="staff-import-template">
              {t('staffImport.downloadTemplate')}
            </Button>
          </div>
          <div>
            <Typography.Paragraph style={{ marginBottom: 8 }}>{t('staffImport.step2')}</Typography.Paragraph>
            <Upload.Dragger
              accept=".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
              maxCount={1}
              fileList={file ? [{ uid: 'import', name: file.name, status: 'done', size: file.size }] : []}
              beforeUpload={(picked) => {
                if (picked.size > MAX_BYTES) message.error(t('staffImport.tooLarge'));
                else {
                  setFile(picked);
                  setError(undefined);
                }
                return false;
              }}
              onRemove={() => {
                setFile(undefined);
                setError(undefined);
              }}
              data-testid="staff-import-file"
            >
              <p className="ant-upload-drag-icon">
                <InboxOutlined />
              </p>
              <p className="ant-upload-text">{t('staffImport.dragText')}</p>
              <p className="ant-upload-hint">{t('staffImport.dragHint')}</p>
            </Upload.Dragger>
          </div>
          {problems && (
            <div data-testid="staff-import-problems">
              <Alert
                type="error"
                showIcon
                title={t('staffImport.invalidTitle')}
                description={t('staffImport.invalidDesc')}
                style={{ marginBottom: 12 }}
              />
              <Table<ImportProblem>
                rowKey={(p) => `${p.row}:${p.field}:${p.problem}`}
                size="small"
                columns={problemColumns}
                dataSource={problems}
                pagination={problems.length > 50 ? { pageSize: 50 } : false}
              />
            </div>
          )}
          {error !== undefined && !problems && <Alert type="error" showIcon title={errorText(error)} data-testid="staff-import-error" />}
        </Space>
      )}
    </Modal>
  );
}

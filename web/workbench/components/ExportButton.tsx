import { useState } from 'react';
import { App, Button, Grid, Tooltip } from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { api, type QueryValue } from '../../shared/api/client.js';
import { useErrorText } from '../../shared/hooks/useErrorText.js';

interface ExportButtonProps {
  /** the list's API path: the file comes from `<path>/export` */
  path: string;
  /** the list's filter as it asks for its rows, less the paging */
  query?: Record<string, QueryValue>;
  /** the file's name when the server gives none */
  fileName?: string;
  testId?: string;
}

/** Hands a Blob to the browser as a download. */
function download(blob: Blob, name: string) {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

/**
 * 导出 Excel: what the list shows (its filter, every page of it up to the server's cap) as an .xlsx, masked as on
 * screen; the server writes the audit row. Says how many rows went out, and when the cap cut the list.
 */
export function ExportButton({ path, query, fileName, testId = 'list-export' }: ExportButtonProps) {
  const { t } = useTranslation('workbench');
  const { message } = App.useApp();
  const errorText = useErrorText();
  const [busy, setBusy] = useState(false);
  // on a phone the card's header is narrow: the icon alone, its name for screen readers
  const narrow = Grid.useBreakpoint().sm === false;

  const run = async () => {
    setBusy(true);
    try {
      const file = await api.getFile(`${path}/export`, query);
      download(file.blob, file.fileName ?? fileName ?? t('exportList.fallbackName'));
      const rows = Number(file.headers.get('x-export-rows') ?? 0);
      const total = file.headers.get('x-export-total');
      if (file.headers.get('x-export-capped') === '1')
        message.warning(total ? t('exportList.capped', { rows, total: Number(total) }) : t('exportList.cappedMore', { rows }), 8);
      else message.success(t('exportList.done', { rows }));
    } catch (e) {
      message.error(errorText(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Tooltip title={t('exportList.hint')}>
      <Button
        icon={<DownloadOutlined />}
        loading={busy}
        onClick={() => void run()}
        aria-label={t('exportList.button')}
        data-testid={testId}
      >
        {narrow ? null : t('exportList.button')}
      </Button>
    </Tooltip>
  );
}

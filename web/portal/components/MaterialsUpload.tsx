import { useState, type ChangeEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api, ApiError } from '../../shared/api/client.js';
import type { RequestAttachment } from '../../shared/api/types.js';
import { useErrorText } from '../../shared/hooks/useErrorText.js';

const MAX_BYTES = 10 * 1024 * 1024;

interface Line {
  key: number;
  text: string;
  ok: boolean;
}

/** 补正 from the phone: photos or files of the missing materials, sent one by one with the tracking number and phone. */
export function MaterialsUpload({ trackingNo, phone, onSent }: { trackingNo: string; phone: string; onSent: () => void }) {
  const { t } = useTranslation('portal');
  const errorText = useErrorText();
  const [busy, setBusy] = useState<string>();
  const [lines, setLines] = useState<Line[]>([]);

  const add = (text: string, ok: boolean) => setLines((was) => [...was, { key: was.length, text, ok }]);

  const send = async (e: ChangeEvent<HTMLInputElement>) => {
    const files = [...(e.target.files ?? [])];
    e.target.value = '';
    let sent = 0;
    for (const file of files) {
      if (file.size > MAX_BYTES) {
        add(t('track.upload.tooLarge', { name: file.name }), false);
        continue;
      }
      const form = new FormData();
      form.append('file', file, file.name);
      setBusy(file.name);
      try {
        const saved = await api.upload<RequestAttachment>(
          `/public/requests/${encodeURIComponent(trackingNo)}/attachments?phone=${encodeURIComponent(phone)}`,
          form,
        );
        add(t('track.upload.done', { name: saved.filename }), true);
        sent++;
      } catch (error) {
        const message = error instanceof ApiError && error.status === 429 ? t('track.errors.tooMany') : errorText(error);
        add(t('track.upload.failed', { name: file.name, message }), false);
      }
    }
    setBusy(undefined);
    if (sent > 0) onSent();
  };

  return (
    <div className="upload" data-testid="materials-upload">
      <p className="upload__title">{t('track.upload.title')}</p>
      <p className="muted">{t('track.upload.hint')}</p>
      <label className={`button button--block upload__button${busy ? ' upload__button--busy' : ''}`}>
        <input
          type="file"
          className="visually-hidden"
          accept="image/jpeg,image/png,application/pdf,.docx,.xlsx"
          multiple
          disabled={busy !== undefined}
          onChange={(e) => void send(e)}
          data-testid="materials-file"
        />
        {busy ? t('track.upload.uploading', { name: busy }) : t('track.upload.choose')}
      </label>
      {lines.length > 0 && (
        <ul className="upload__lines" role="status">
          {lines.map((l) => (
            <li key={l.key} className={l.ok ? 'upload__ok' : 'upload__failed'}>
              {l.text}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

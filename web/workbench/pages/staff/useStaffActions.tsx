import { App } from 'antd';
import { useTranslation } from 'react-i18next';
import { api } from '../../../shared/api/client.js';
import type { Staff } from '../../../shared/api/types.js';
import { useErrorText } from '../../../shared/hooks/useErrorText.js';
import type { TemporaryPassword } from '../../components/TemporaryPasswordModal.js';

/**
 * The account actions of the staff list (disable, enable, unlock, reset password, reveal phone), each
 * confirmed first and reported after. `onChanged` reloads the list.
 */
export function useStaffActions(onChanged: () => void, showPassword: (value: TemporaryPassword) => void) {
  const { t } = useTranslation('workbench');
  const { modal, message } = App.useApp();
  const errorText = useErrorText();

  const confirmThen = (title: string, run: () => Promise<void>, danger = false) =>
    modal.confirm({
      title,
      okText: t('action.ok'),
      cancelText: t('action.cancel'),
      okButtonProps: { danger, ...{ 'data-testid': 'confirm-ok' } },
      onOk: async () => {
        try {
          await run();
        } catch (e) {
          message.error(errorText(e));
        }
      },
    });

  return {
    disable: (s: Staff) =>
      confirmThen(
        t('staff.disableConfirm', { name: s.displayName }),
        async () => {
          await api.post<Staff>(`/staff/${s.id}/disable`);
          message.success(t('staff.disabledDone', { name: s.displayName }));
          onChanged();
        },
        true,
      ),
    enable: (s: Staff) =>
      confirmThen(t('staff.enableConfirm', { name: s.displayName }), async () => {
        await api.post<Staff>(`/staff/${s.id}/enable`);
        message.success(t('staff.enabledDone', { name: s.displayName }));
        onChanged();
      }),
    unlock: (s: Staff) =>
      confirmThen(t('staff.unlockConfirm', { name: s.displayName }), async () => {
        await api.post<Staff>(`/staff/${s.id}/unlock`);
        message.success(t('staff.unlockDone', { name: s.displayName }));
        onChanged();
      }),
    resetPassword: (s: Staff) =>
      confirmThen(
        t('staff.resetConfirm', { name: s.displayName }),
        async () => {
          const result = await api.post<{ staff: Staff; temporaryPassword: string }>(`/staff/${s.id}/reset-password`);
          showPassword({ username: result.staff.username, displayName: result.staff.displayName, password: result.temporaryPassword });
          onChanged();
        },
        true,
      ),
    revealPhone: async (s: Staff) => {
      try {
        const { phone } = await api.get<{ phone: string }>(`/staff/${s.id}/phone`);
        modal.info({
          title: t('staff.revealTitle', { name: s.displayName }),
          okText: t('action.close'),
          okButtonProps: { ...{ 'data-testid': 'revealed-phone-close' } },
          content: (
            <div data-testid="revealed-phone">
              <p className="mono" style={{ fontSize: 20, margin: '8px 0' }}>
                {phone || t('table.none')}
              </p>
              <p style={{ color: '#8c8c8c', margin: 0 }}>{t('staff.revealNotice')}</p>
            </div>
          ),
        });
      } catch (e) {
        message.error(errorText(e));
      }
    },
  };
}

import { Alert, Descriptions, Modal, Typography } from 'antd';
import { useTranslation } from 'react-i18next';

export interface TemporaryPassword {
  username: string;
  displayName: string;
  password: string;
}

/** Shows a temporary password once. Nothing keeps it: closing the modal is the last time anyone sees it. */
export function TemporaryPasswordModal({ value, onClose }: { value: TemporaryPassword | undefined; onClose: () => void }) {
  const { t } = useTranslation('workbench');
  return (
    <Modal
      open={value !== undefined}
      title={t('staff.tempPasswordTitle')}
      onCancel={onClose}
      onOk={onClose}
      okText={t('action.ok')}
      okButtonProps={{ ...{ 'data-testid': 'temporary-password-close' } }}
      cancelButtonProps={{ style: { display: 'none' } }}
      mask={{ closable: false }}
      destroyOnHidden
    >
      {value && (
        <div data-testid="temporary-password">
          <Alert type="warning" showIcon title={t('staff.tempPasswordNote')} style={{ marginBottom: 16 }} />
          <Descriptions column={1} bordered size="small">
            <Descriptions.Item label={t('staff.displayName')}>{value.displayName}</Descriptions.Item>
            <Descriptions.Item label={t('staff.account')}>
              <Typography.Text className="mono" copyable>
                {value.username}
              </Typography.Text>
            </Descriptions.Item>
            <Descriptions.Item label={t('staff.tempPassword')}>
              <Typography.Text className="mono" strong copyable style={{ fontSize: 18 }} data-testid="temporary-password-value">
                {value.password}
              </Typography.Text>
            </Descriptions.Item>
          </Descriptions>
        </div>
      )}
    </Modal>
  );
}

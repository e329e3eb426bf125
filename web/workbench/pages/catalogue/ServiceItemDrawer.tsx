import { useEffect, useState } from 'react';
import { Alert, App, Button, Drawer } from 'antd';
import { useTranslation } from 'react-i18next';
import { api, ApiError } from '../../../shared/api/client.js';
import type { ServiceItem } from '../../../shared/api/types.js';
import { useErrorText } from '../../../shared/hooks/useErrorText.js';
import { useCountyAdmin } from '../../hooks/useCountyAdmin.js';
import { ServiceGuideCard } from '../requests/ServiceGuideCard.js';
import { serviceItemChanges, ServiceItemForm, type ServiceItemValues } from './ServiceItemForm.js';

interface Props {
  item: ServiceItem | undefined;
  onClose: () => void;
  onSaved: () => void;
}

/** View an item's guide, or edit the item for county administrators. Edits carry the version they started from. */
export function ServiceItemDrawer({ item: initial, onClose, onSaved }: Props) {
  const { t } = useTranslation('workbench');
  const admin = useCountyAdmin();
  const errorText = useErrorText();
  const { message } = App.useApp();
  const [item, setItem] = useState(initial);
  const [error, setError] = useState<unknown>();
  const [saving, setSaving] = useState(false);

  useEffect(() => {
    setItem(initial);
    setError(undefined);
  }, [initial]);

  const conflict = error instanceof ApiError && error.code === 'VERSION_CONFLICT';

  const reload = async () => {
    if (!item) return;
    try {
      setItem(await api.get<ServiceItem>(`/service-items/${item.code}`));
      setError(undefined);
      message.info(t('sites.reloaded'));
    } catch (e) {
      setError(e);
    }
  };

  const save = async (values: ServiceItemValues) => {
    if (!item) return;
    const patch = serviceItemChanges(item, values);
    if (Object.keys(patch).length === 0) return onClose();
    setSaving(true);
    setError(undefined);
    try {
      await api.patch<ServiceItem>(`/service-items/${item.code}`, { version: item.version, ...patch });
      message.success(t('catalogue.saved'));
      onSaved();
      onClose();
    } catch (e) {
      setError(e);
    } finally {
      setSaving(false);
    }
  };

  return (
    <Drawer
      open={initial !== undefined}
      onClose={onClose}
      size={680}
      title={item ? (admin ? t('catalogue.editTitle', { name: item.name }) : item.name) : undefined}
      destroyOnHidden
      data-testid="catalogue-drawer"
    >
      {item && !admin && <ServiceGuideCard item={item} />}
      {item && admin && (
        <>
          {error !== undefined && (
            <Alert
              type={conflict ? 'warning' : 'error'}
              showIcon
              style={{ marginBottom: 16 }}
              title={conflict ? t('catalogue.conflict') : errorText(error)}
              action={
                conflict ? (
                  <Button size="small" onClick={() => void reload()} data-testid="catalogue-reload">
                    {t('sites.reload')}
                  </Button>
                ) : undefined
              }
              data-testid="catalogue-error"
            />
          )}
          <ServiceItemForm
            key={`${item.code}:${item.version}`}
            item={item}
            saving={saving}
            blocked={conflict}
            onSubmit={(v) => void save(v)}
            onCancel={onClose}
          />
        </>
      )}
    </Drawer>
  );
}

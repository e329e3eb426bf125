import { useEffect, useState } from 'react';
import { Alert, App, Button, Descriptions, Drawer, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { api, ApiError } from '../../../shared/api/client.js';
import type { Site } from '../../../shared/api/types.js';
import { useErrorText } from '../../../shared/hooks/useErrorText.js';
import { useLabels } from '../../../shared/labels.js';
import { useCan } from '../../session/useSession.js';
import { SiteEditForm, siteChanges, type SiteValues } from './SiteEditForm.js';

interface Props {
  site: Site | undefined;
  onClose: () => void;
  onSaved: () => void;
}

/** View a site, or edit it for those who manage the area. Edits carry the version they started from. */
export function SiteDrawer({ site: initial, onClose, onSaved }: Props) {
  const { t } = useTranslation('workbench');
  const labels = useLabels();
  const can = useCan();
  const errorText = useErrorText();
  const { message } = App.useApp();
  const [site, setSite] = useState(initial);
  const [error, setError] = useState<unknown>();
  const [saving, setSaving] = useState(false);
  const editable = can('org.manage');

  useEffect(() => {
    setSite(initial);
    setError(undefined);
  }, [initial]);

  const conflict = error instanceof ApiError && error.code === 'VERSION_CONFLICT';

  const reload = async () => {
    if (!site) return;
    try {
      // a new version remounts the form with the fresh values (the edits made so far are dropped)
      setSite(await api.get<Site>(`/sites/${site.id}`, { scope: 'mine' }));
      setError(undefined);
      message.info(t('sites.reloaded'));
    } catch (e) {
      setError(e);
    }
  };

  const save = async (values: SiteValues) => {
    if (!site) return;
    const patch = siteChanges(site, values);
    if (Object.keys(patch).length === 0) return onClose();
    setSaving(true);
    setError(undefined);
    try {
      await api.patch<Site>(`/sites/${site.id}`, { version: site.version, ...patch });
      message.success(t('sites.saved'));
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
      size={640}
      title={editable ? t('sites.drawerEdit') : t('sites.drawerView')}
      destroyOnHidden
      data-testid="site-drawer"
    >
      {site && (
        <>
          <Descriptions column={1} size="small" bordered style={{ marginBottom: 20 }}>
            <Descriptions.Item label={t('sites.kind')}>{labels.siteKind(site.kind)}</Descriptions.Item>
            <Descriptions.Item label={t('sites.region')}>
              {[site.townName, site.kind === 'room' ? site.regionName : null].filter(Boolean).join(' / ') || site.regionName}
              <span className="mono" style={{ marginLeft: 8, color: '#8c8c8c' }}>
                {site.regionCode}
              </span>
            </Descriptions.Item>
            {!editable && (
              <>
                <Descriptions.Item label={t('sites.name')}>{site.name}</Descriptions.Item>
                <Descriptions.Item label={t('sites.address')}>{site.address}</Descriptions.Item>
                <Descriptions.Item label={t('sites.openingHours')}>{site.openingHours}</Descriptions.Item>
                <Descriptions.Item label={t('sites.phone')}>{site.phone || t('table.none')}</Descriptions.Item>
                <Descriptions.Item label={t('sites.coordinates')}>
                  {site.latitude !== null && site.longitude !== null ? `${site.latitude}, ${site.longitude}` : t('table.none')}
                </Descriptions.Item>
                <Descriptions.Item label={t('sites.facilities')}>
                  {site.facilities.map((f) => (
                    <Tag key={f}>{labels.facility(f)}</Tag>
                  ))}
                </Descriptions.Item>
                <Descriptions.Item label={t('sites.description')}>
                  <span style={{ whiteSpace: 'pre-line' }}>{site.description || t('table.none')}</span>
                </Descriptions.Item>
                <Descriptions.Item label={t('sites.isPublic')}>{site.isPublic ? t('sites.public') : t('sites.hidden')}</Descriptions.Item>
              </>
            )}
          </Descriptions>
          {error !== undefined && (
            <Alert
              type={conflict ? 'warning' : 'error'}
              showIcon
              style={{ marginBottom: 16 }}
              title={conflict ? t('sites.conflict') : errorText(error)}
              action={
                conflict ? (
                  <Button size="small" onClick={() => void reload()} data-testid="site-reload">
                    {t('sites.reload')}
                  </Button>
                ) : undefined
              }
              data-testid="site-error"
            />
          )}
          {editable && (
            <SiteEditForm
              key={`${site.id}:${site.version}`}
              site={site}
              saving={saving}
              blocked={conflict}
              onSubmit={(v) => void save(v)}
              onCancel={onClose}
            />
          )}
        </>
      )}
    </Drawer>
  );
}

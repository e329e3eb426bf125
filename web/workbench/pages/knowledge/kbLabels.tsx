import { Tag, Tooltip } from 'antd';
import { useTranslation } from 'react-i18next';
import type { KbKind, KbStatus } from '../../../shared/api/knowledge-admin.js';

const STATUS_COLORS: Record<KbStatus, string> = {
  draft: 'default',
  review: 'orange',
  published: 'green',
  restricted: 'purple',
  archived: 'default',
};

/** 草稿 / 待审核 / 已发布 / 仅供检索 / 已撤下; a restricted entry says why on hover. */
export function KbStatusTag({ status, license }: { status: KbStatus; license?: string }) {
  const { t } = useTranslation('workbench');
  const tag = (
    <Tag color={STATUS_COLORS[status]} data-testid="kb-status" data-status={status}>
      {t(`knowledgeAdmin.statuses.${status}`)}
    </Tag>
  );
  return status === 'restricted' ? (
    <Tooltip title={`${t('knowledgeAdmin.list.restrictedHint')}${license ? ` · ${license}` : ''}`}>{tag}</Tooltip>
  ) : (
    tag
  );
}

export function KbKindTag({ kind }: { kind: KbKind }) {
  const { t } = useTranslation('workbench');
  return (
    <Tag color={kind === 'qa' ? 'blue' : 'cyan'} data-testid="kb-kind" data-kind={kind}>
      {t(`knowledgeAdmin.kinds.${kind}`)}
    </Tag>
  );
}

/** 本平台编写 / 在线咨询整理 / 导入（licence） */
export function useOriginText(): (origin: string, license: string) => string {
  const { t } = useTranslation('workbench');
  return (origin, license) => {
    if (origin === 'imported') return t('knowledgeAdmin.list.importedFrom', { license });
    if (origin === 'staff' || origin === 'consultation') return t(`knowledgeAdmin.origins.${origin}`);
    return origin;
  };
}

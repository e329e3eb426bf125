import { Badge } from 'antd';
import { useTranslation } from 'react-i18next';

/** A menu entry's label with the count of unread notices that belong to it (none shown at 0). */
export function MenuLabel({ text, count, testId }: { text: string; count: number; testId: string }) {
  const { t } = useTranslation('workbench');
  if (!count) return <>{text}</>;
  return (
    <span style={{ display: 'inline-flex', alignItems: 'center', gap: 8 }}>
      {text}
      <Badge
        count={count}
        size="small"
        overflowCount={99}
        title={t('notify.unreadInMenu', { count })}
        data-testid={`menu-unread-${testId}`}
      />
    </span>
  );
}

import { useTranslation } from 'react-i18next';
import type { TimeLimitPolicy } from '../../shared/api/types.js';

/** "30 日内办结" / "15 个工作日内办结" / "当场办结" */
export function TimeLimitText({ policy }: { policy: TimeLimitPolicy }) {
  const { t } = useTranslation('portal');
  if (policy.days === 0) return <>{t('guide.timeLimitSameDay')}</>;
  return <>{t(`guide.timeLimit.${policy.unit}`, { days: policy.days })}</>;
}

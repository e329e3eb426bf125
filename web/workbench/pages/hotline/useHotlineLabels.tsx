import { useCallback } from 'react';
import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { CALL_CATEGORIES, type CallCategory, type HotlineCall } from '../../../shared/api/hotline.js';

/** A category code in the reader's language; a category someone typed elsewhere shows as it is. */
export function useCategoryLabel(): (category: string | null) => string {
  const { t } = useTranslation('workbench');
  return useCallback(
    (category) =>
      category === null
        ? ''
        : (CALL_CATEGORIES as readonly string[]).includes(category)
          ? t(`hotline.categories.${category as CallCategory}`)
          : category,
    [t],
  );
}

const OUTCOME_COLORS = { answered: 'green', transferred: 'blue', request: 'purple', missed: 'red', abandoned: 'default' } as const;

/** The outcome as a tag: 待补全 (orange) while nobody has said how the call ended; where a transferred call went. */
export function OutcomeTag({ call }: { call: Pick<HotlineCall, 'outcome' | 'transferredTo'> }) {
  const { t } = useTranslation('workbench');
  const where = call.transferredTo ?? '';
  return (
    <span data-testid="call-outcome-tag" data-outcome={call.outcome ?? 'open'}>
      <Tag color={call.outcome ? OUTCOME_COLORS[call.outcome] : 'orange'} style={{ marginInlineEnd: 0 }}>
        {t(`hotline.outcomes.${call.outcome ?? 'open'}`)}
      </Tag>
      {call.outcome === 'transferred' && where && (
        <div style={{ fontSize: 12, color: 'rgba(0,0,0,0.55)', marginTop: 2 }}>{t('hotline.calls.transferredTo', { to: where })}</div>
      )}
    </span>
  );
}

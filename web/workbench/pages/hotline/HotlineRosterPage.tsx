import { useMemo, useState } from 'react';
import { Alert, App, Button, Card, DatePicker, Popconfirm, Space, Tag, Tooltip, Typography } from 'antd';
import { CloseOutlined, LeftOutlined, PlusOutlined, ReloadOutlined, RightOutlined, SwapOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router-dom';
import { api } from '../../../shared/api/client.js';
import { SHIFTS, type HotlineShift, type HotlineStaff, type RosterEntry } from '../../../shared/api/hotline.js';
import { today } from '../../../shared/format.js';
import { useApiData } from '../../../shared/hooks/useApiData.js';
import { useErrorText } from '../../../shared/hooks/useErrorText.js';
import { useCan, useMe } from '../../session/useSession.js';
import { addDays, currentShift, mondayOf, weekDays } from './hotlineFormat.js';
import { RosterAddModal } from './RosterAddModal.js';
import { SwapModal } from './SwapModal.js';
import './hotline.css';

const DAY = /^\d{4}-\d{2}-\d{2}$/;
type Weekday = 0 | 1 | 2 | 3 | 4 | 5 | 6;

/**
 * 12348 排班: the week, Monday to Sunday, by morning and afternoon, with who is on duty. Managers add and remove
 * people; the person on a shift asks a colleague to swap, and the colleague accepts or declines on the cell.
 */
export function HotlineRosterPage() {
  const { t, i18n } = useTranslation('workbench');
  const me = useMe();
  const can = useCan();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const [params, setParams] = useSearchParams();
  const day = today();
  const monday = mondayOf(DAY.test(params.get('week') ?? '') ? params.get('week')! : day);
  const days = weekDays(monday);
  const sunday = days[6]!;
  const manager = can('hotline.manage');
  const nowShift = currentShift();
  const [adding, setAdding] = useState<{ preset: { day: string; shift: HotlineShift } | undefined }>();
  const [swapping, setSwapping] = useState<RosterEntry>();
  const [answering, setAnswering] = useState<number>();

  const roster = useApiData((signal) => api.get<RosterEntry[]>('/hotline/roster', { from: monday, to: sunday }, signal), [monday]);
  const staff = useApiData((signal) => api.get<HotlineStaff[]>('/hotline/staff', undefined, signal), []);
  // PGlite hands the date column over as a Date, which the server sends as 2026-11-23T00:00:00.000Z: keep the day
  const entries = useMemo(() => (roster.data ?? []).map((e) => ({ ...e, day: e.day.slice(0, 10) })), [roster.data]);
  const goTo = (week: string) => setParams(week === mondayOf(day) ? {} : { week }, { replace: true });

  const remove = async (entry: RosterEntry) => {
    try {
      await api.del(`/hotline/roster/${entry.id}`);
      void message.success(t('hotline.roster.removed'));
    } catch (e) {
      void message.error(errorText(e));
    }
    roster.reload();
  };

  const answer = async (swapId: number, accept: boolean) => {
    setAnswering(swapId);
    try {
      await api.post(`/hotline/swaps/${swapId}/${accept ? 'accept' : 'decline'}`);
      void message.success(t(accept ? 'hotline.roster.accepted' : 'hotline.roster.declined'));
    } catch (e) {
      void message.error(errorText(e));
    } finally {
      setAnswering(undefined);
      roster.reload();
    }
  };

  const entryView = (e: RosterEntry) => {
    const mine = e.staff.id === me.id;
    const upcoming = e.day >= day;
    const swap = e.swap;
    return (
      <div
        key={e.id}
        className={`roster-entry${mine ? ' roster-entry--mine' : ''}${manager ? ' roster-entry--removable' : ''}`}
        data-testid="roster-entry"
        data-roster-id={e.id}
        data-staff-id={e.staff.id}
      >
        <div className="roster-entry__name">
          <span>{e.staff.name}</span>
          {mine && (
            <Tag color="blue" className="roster-entry__me">
              {t('hotline.roster.me')}
            </Tag>
          )}
          {manager && (
            <Popconfirm
              title={t('hotline.roster.removeConfirm', { name: e.staff.name, day: e.day, shift: t(`hotline.shifts.${e.shift}`) })}
              onConfirm={() => remove(e)}
              okButtonProps={{ danger: true, ...{ 'data-testid': 'confirm-ok' } }}
            >
              <Tooltip title={t('hotline.roster.remove')}>
                <Button
                  type="text"
                  size="small"
                  icon={<CloseOutlined />}
                  className="roster-entry__remove"
                  aria-label={`${t('hotline.roster.remove')} ${e.staff.name}`}
                  data-testid="roster-remove"
                />
              </Tooltip>
            </Popconfirm>
          )}
        </div>
        {e.staff.phone && <div className="roster-entry__phone mono">{e.staff.phone}</div>}
        {swap && (
          <div className="roster-swap" data-testid="roster-swap-pending" data-swap-id={swap.id}>
            <div className="roster-swap__title">
              <SwapOutlined /> {t('hotline.roster.swapPending')}
            </div>
            <div>{t('hotline.roster.swapFromTo', { from: swap.requestedBy, to: swap.toName })}</div>
            {swap.reason && <div className="roster-swap__reason">“{swap.reason}”</div>}
            {swap.toStaffId === me.id ? (
              <Space size={4} wrap style={{ marginTop: 4 }}>
                <Button
                  size="small"
                  type="primary"
                  loading={answering === swap.id}
                  onClick={() => void answer(swap.id, true)}
                  data-testid="swap-accept"
                >
                  {t('hotline.roster.accept')}
                </Button>
                <Button
                  size="small"
                  disabled={answering === swap.id}
                  onClick={() => void answer(swap.id, false)}
                  data-testid="swap-decline"
                >
                  {t('hotline.roster.decline')}
                </Button>
              </Space>
            ) : (
              <div className="roster-swap__waiting">{t('hotline.roster.swapWaiting', { name: swap.toName })}</div>
            )}
          </div>
        )}
        {upcoming && !swap && (mine || manager) && (
          <div className="roster-entry__actions">
            <Button type="link" size="small" icon={<SwapOutlined />} onClick={() => setSwapping(e)} data-testid="roster-swap">
              {t('hotline.roster.swap')}
            </Button>
          </div>
        )}
      </div>
    );
  };

  return (
    <Card
      size="small"
      title={t('hotline.roster.title')}
      extra={
        <Space>
          <Button icon={<ReloadOutlined />} onClick={roster.reload} aria-label={t('action.refresh')} />
          {manager && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setAdding({ preset: undefined })} data-testid="roster-add-open">
              {t('hotline.roster.add')}
            </Button>
          )}
        </Space>
      }
      data-testid="roster-page"
    >
      <Typography.Paragraph type="secondary" style={{ marginTop: 0 }}>
        {[t('hotline.roster.intro'), manager ? '' : t('hotline.roster.readOnly')].join(i18n.language.startsWith('en') ? ' ' : '')}
      </Typography.Paragraph>
      <div className="roster-toolbar">
        <Space.Compact>
          <Button icon={<LeftOutlined />} onClick={() => goTo(addDays(monday, -7))} data-testid="roster-prev">
            {t('hotline.roster.prevWeek')}
          </Button>
          <Button
            type={monday === mondayOf(day) ? 'primary' : 'default'}
            onClick={() => goTo(mondayOf(day))}
            data-testid="roster-this-week"
          >
            {t('hotline.roster.thisWeek')}
          </Button>
          <Button onClick={() => goTo(addDays(monday, 7))} data-testid="roster-next">
            {t('hotline.roster.nextWeek')} <RightOutlined />
          </Button>
        </Space.Compact>
        <DatePicker
          picker="week"
          allowClear={false}
          value={dayjs(monday)}
          onChange={(d) => d && goTo(mondayOf(d.format('YYYY-MM-DD')))}
          format={() => t('hotline.roster.weekOf', { from: monday, to: sunday })}
          style={{ width: 230 }}
          data-testid="roster-week"
        />
        <div className="roster-legend">
          <span className="roster-legend__item roster-legend__item--mine">{t('hotline.roster.legendMine')}</span>
          <span className="roster-legend__item roster-legend__item--now">{t('hotline.roster.legendNow')}</span>
          <span className="roster-legend__item roster-legend__item--swap">{t('hotline.roster.legendSwap')}</span>
        </div>
      </div>
      {roster.error !== undefined && <Alert type="error" showIcon title={errorText(roster.error)} style={{ marginBottom: 12 }} />}
      <div className={`roster-grid${roster.loading ? ' roster-grid--loading' : ''}`} data-testid="roster-grid" aria-busy={roster.loading}>
        <div className="roster-grid__corner" />
        {days.map((d, i) => (
          <div key={d} className={`roster-grid__day${d === day ? ' roster-grid__day--today' : ''}`} data-testid="roster-day" data-day={d}>
            <span>{t(`hotline.weekdays.d${i as Weekday}`)}</span>
            <span className="roster-grid__date">{d.slice(5)}</span>
            {d === day && (
              <Tag color="red" className="roster-grid__today">
                {t('hotline.roster.today')}
              </Tag>
            )}
          </div>
        ))}
        {SHIFTS.map((shift) => (
          <div key={shift} className="roster-grid__row">
            <div className="roster-grid__shift">{t(`hotline.shifts.${shift}`)}</div>
            {days.map((d) => {
              const here = entries.filter((e) => e.day === d && e.shift === shift);
              const isNow = d === day && shift === nowShift;
              return (
                <div
                  key={d}
                  className={`roster-cell${d === day ? ' roster-cell--today' : ''}${isNow ? ' roster-cell--now' : ''}${d < day ? ' roster-cell--past' : ''}`}
                  data-testid="roster-cell"
                  data-day={d}
                  data-shift={shift}
                  data-now={isNow || undefined}
                >
                  {isNow && <div className="roster-cell__now">{t('hotline.roster.now')}</div>}
                  {here.map(entryView)}
                  {!here.length && !roster.loading && <div className="roster-cell__empty">{t('hotline.roster.empty')}</div>}
                  {manager && (
                    <Button
                      type="dashed"
                      size="small"
                      block
                      icon={<PlusOutlined />}
                      className="roster-cell__add"
                      onClick={() => setAdding({ preset: { day: d, shift } })}
                      aria-label={`${t('hotline.roster.addHere')} ${d} ${t(`hotline.shifts.${shift}`)}`}
                      data-testid="roster-add"
                    />
                  )}
                </div>
              );
            })}
          </div>
        ))}
      </div>
      <RosterAddModal
        monday={monday}
        open={!!adding}
        preset={adding?.preset}
        staff={staff.data ?? []}
        entries={entries}
        onClose={() => setAdding(undefined)}
        onSaved={() => {
          setAdding(undefined);
          roster.reload();
        }}
      />
      <SwapModal
        entry={swapping}
        staff={staff.data ?? []}
        entries={entries}
        onClose={() => setSwapping(undefined)}
        onSent={() => {
          setSwapping(undefined);
          roster.reload();
        }}
      />
    </Card>
  );
}

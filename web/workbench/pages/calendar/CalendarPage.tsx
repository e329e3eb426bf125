import { useMemo, useState } from 'react';
import { Alert, Button, Card, Col, Row, Select, Space, Table, Tag, Tooltip, Typography, type TableColumnsType } from 'antd';
import { PlusOutlined, ReloadOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { api } from '../../../shared/api/client.js';
import type { CalendarDay, CalendarYear, CalendarYears } from '../../../shared/api/types.js';
import { formatDateTime, today } from '../../../shared/format.js';
import { useApiData } from '../../../shared/hooks/useApiData.js';
import { useErrorText } from '../../../shared/hooks/useErrorText.js';
import { useCountyAdmin } from '../../hooks/useCountyAdmin.js';
import { CalendarDayModal, type DayEditing } from './CalendarDayModal.js';
import { isWeekend, monthCells, weekdayOf } from './yearGrid.js';

const MONTHS = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12];
const WEEKDAYS = [0, 1, 2, 3, 4, 5, 6] as const;

/** 节假日与调休: the working-day calendar every time limit is counted on, a year at a time. */
export function CalendarPage() {
  const { t, i18n } = useTranslation('workbench');
  const errorText = useErrorText();
  const admin = useCountyAdmin();
  const thisYear = Number(today().slice(0, 4));
  const [year, setYear] = useState(thisYear);
  const [editing, setEditing] = useState<DayEditing>();
  const years = useApiData((signal) => api.get<CalendarYears>('/calendar/years', undefined, signal), []);
  const calendar = useApiData((signal) => api.get<CalendarYear>('/calendar', { year }, signal), [year]);
  const byDate = useMemo(() => new Map((calendar.data?.days ?? []).map((d) => [d.date, d])), [calendar.data]);

  const yearOptions = useMemo(() => {
    const all = new Set([thisYear - 1, thisYear, thisYear + 1, ...(years.data?.years.map((y) => y.year) ?? [])]);
    return [...all].sort((a, b) => a - b).map((y) => ({ value: y, label: t('calendar.yearOption', { year: y }) }));
  }, [years.data, thisYear, t]);
  const missing = years.data?.missing ?? [];
  const reload = () => {
    years.reload();
    calendar.reload();
  };
  const todayText = today();
  // "1 月" in Chinese; the month's own name in English
  const monthName = (month: number) =>
    i18n.language.startsWith('en')
      ? new Intl.DateTimeFormat('en-GB', { month: 'long', timeZone: 'UTC' }).format(new Date(Date.UTC(2000, month - 1, 1)))
      : t('calendar.month', { month });

  const columns: TableColumnsType<CalendarDay> = [
    {
      title: t('calendar.date'),
      dataIndex: 'date',
      width: 150,
      render: (date: string) => (
        <span className="mono">
          {date} {t(`calendar.weekdays.${WEEKDAYS[weekdayOf(date)] ?? 0}`)}
        </span>
      ),
    },
    {
      title: t('calendar.kind'),
      dataIndex: 'kind',
      width: 110,
      render: (kind: CalendarDay['kind']) => <Tag color={kind === 'holiday' ? 'red' : 'orange'}>{t(`calendar.kinds.${kind}`)}</Tag>,
    },
    { title: t('calendar.name'), dataIndex: 'name' },
    {
      title: t('calendar.source'),
      dataIndex: 'source',
      width: 200,
      render: (source: string, d) =>
        source === 'admin' ? (
          <Tooltip title={formatDateTime(d.updatedAt, i18n.language)}>
            <Tag color="blue">{t('calendar.sourceAdmin')}</Tag>
          </Tooltip>
        ) : (
          <Typography.Text type="secondary">{t('calendar.sourcePackage', { source })}</Typography.Text>
        ),
    },
    ...(admin
      ? [
          {
            title: t('table.actions'),
            key: 'actions',
            width: 80,
            render: (_: unknown, d: CalendarDay) => (
              <Button type="link" size="small" onClick={() => setEditing({ entry: d })} data-testid="calendar-edit">
                {t('action.edit')}
              </Button>
            ),
          },
        ]
      : []),
  ];

  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }} data-testid="calendar-page">
      {missing.length > 0 && (
        <Alert
          type="warning"
          showIcon
          title={t('calendar.missingTitle', { years: missing.join('、') })}
          description={admin ? t('calendar.missingAdmin') : t('calendar.missingReader')}
          data-testid="calendar-missing"
        />
      )}
      <Card
        size="small"
        title={t('calendar.title')}
        extra={
          <Space>
            <Select value={year} onChange={setYear} options={yearOptions} style={{ width: 120 }} data-testid="calendar-year" />
            {admin && (
              <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing({})} data-testid="calendar-add">
                {t('calendar.addDay')}
              </Button>
            )}
            <Button icon={<ReloadOutlined />} onClick={reload} aria-label={t('action.refresh')} />
          </Space>
        }
      >
        {calendar.error !== undefined && <Alert type="error" showIcon title={errorText(calendar.error)} style={{ marginBottom: 12 }} />}
        {calendar.data && !calendar.data.official && (
          <Alert
            type="error"
            showIcon
            style={{ marginBottom: 12 }}
            title={t('calendar.notOfficial', { year })}
            description={t('calendar.notOfficialHint')}
            data-testid="calendar-not-official"
          />
        )}
        <Space size={16} wrap style={{ marginBottom: 12 }} className="calendar-legend">
          <span>
            <i className="calendar-swatch calendar-swatch--holiday" /> {t('calendar.kinds.holiday')}
          </span>
          <span>
            <i className="calendar-swatch calendar-swatch--workday" /> {t('calendar.kinds.workday')}
          </span>
          <span>
            <i className="calendar-swatch calendar-swatch--weekend" /> {t('calendar.weekend')}
          </span>
          {admin && <Typography.Text type="secondary">{t('calendar.clickHint')}</Typography.Text>}
        </Space>
        <Row gutter={[12, 12]} data-testid="calendar-grid">
          {MONTHS.map((month) => (
            <Col key={month} xs={24} sm={12} lg={8} xxl={6}>
              <div className="calendar-month">
                <div className="calendar-month__title">{monthName(month)}</div>
                <div className="calendar-month__grid">
                  {WEEKDAYS.map((w) => (
                    <span key={w} className={`calendar-month__weekday${w >= 5 ? ' calendar-month__weekday--end' : ''}`}>
                      {t(`calendar.weekdaysShort.${w}`)}
                    </span>
                  ))}
                  {monthCells(year, month).map((cell, i) => {
                    if (!cell.date) return <span key={`blank-${i}`} />;
                    const entry = byDate.get(cell.date);
                    const classes = ['calendar-day'];
                    if (entry) classes.push(`calendar-day--${entry.kind}`);
                    else if (isWeekend(cell.date)) classes.push('calendar-day--weekend');
                    if (cell.date === todayText) classes.push('calendar-day--today');
                    const label = entry ? `${cell.date} ${entry.name}（${t(`calendar.kinds.${entry.kind}`)}）` : cell.date;
                    return (
                      <Tooltip key={cell.date} title={entry ? `${entry.name} · ${t(`calendar.kinds.${entry.kind}`)}` : undefined}>
                        <button
                          type="button"
                          className={classes.join(' ')}
                          aria-disabled={!admin}
                          onClick={admin ? () => setEditing(entry ? { entry } : { date: cell.date ?? undefined }) : undefined}
                          aria-label={label}
                          data-testid="calendar-day"
                          data-date={cell.date}
                          data-kind={entry?.kind ?? ''}
                        >
                          {cell.day}
                          {entry?.kind === 'workday' && <span className="calendar-day__mark">{t('calendar.workMark')}</span>}
                          {entry?.kind === 'holiday' && <span className="calendar-day__mark">{t('calendar.restMark')}</span>}
                        </button>
                      </Tooltip>
                    );
                  })}
                </div>
              </div>
            </Col>
          ))}
        </Row>
      </Card>
      <Card size="small" title={t('calendar.listTitle', { year, count: calendar.data?.days.length ?? 0 })}>
        <div data-testid="calendar-table">
          <Table<CalendarDay>
            rowKey="date"
            size="small"
            columns={columns}
            dataSource={calendar.data?.days}
            loading={calendar.loading}
            pagination={false}
          />
        </div>
        {years.data && (
          <Typography.Paragraph type="secondary" style={{ margin: '12px 0 0' }}>
            {t('calendar.packageNote', { source: years.data.packageSource })}
          </Typography.Paragraph>
        )}
      </Card>
      <CalendarDayModal
        editing={editing}
        onClose={() => setEditing(undefined)}
        onSaved={() => {
          setEditing(undefined);
          reload();
        }}
      />
    </Space>
  );
}

import { Alert, Button, Card, DatePicker, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { DownloadOutlined, ReloadOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router-dom';
import { api } from '../../../shared/api/client.js';
import type { HotlineFigures, LawyerFigures } from '../../../shared/api/hotline.js';
import { today } from '../../../shared/format.js';
import { useApiData } from '../../../shared/hooks/useApiData.js';
import { useErrorText } from '../../../shared/hooks/useErrorText.js';
import { figuresCsv, percent, weightedSatisfaction } from './figuresCsv.js';
import { mmss } from './hotlineFormat.js';
import './hotline.css';

const MONTH = /^20\d{2}-(0[1-9]|1[0-2])$/;

/** 12348 热线统计: the month's calls per lawyer — answered, missed, transferred, requests, answer rate, handling time, satisfaction. */
export function HotlineFiguresPage() {
  const { t } = useTranslation('workbench');
  const errorText = useErrorText();
  const [params, setParams] = useSearchParams();
  const thisMonth = today().slice(0, 7);
  const month = MONTH.test(params.get('month') ?? '') ? params.get('month')! : thisMonth;
  const figures = useApiData((signal) => api.get<HotlineFigures>('/hotline/figures', { month }, signal), [month]);
  const people = figures.data?.people ?? [];
  const total = figures.data?.total;
  const satisfaction = weightedSatisfaction(people);

  const rate = (value: number | null) => (value === null ? t('table.none') : percent(value));
  const num = (key: 'calls' | 'answered' | 'missed' | 'transferred' | 'requests', title: string) => ({
    title,
    key,
    width: 90,
    align: 'right' as const,
    render: (_: unknown, p: LawyerFigures) => <span data-testid={`figures-${key}`}>{p[key]}</span>,
  });

  const columns: TableColumnsType<LawyerFigures> = [
    {
      title: t('hotline.figures.lawyer'),
      key: 'lawyer',
      render: (_, p) => p.staff?.name ?? <Tag>{t('hotline.unassigned')}</Tag>,
    },
    num('calls', t('hotline.figures.calls')),
    num('answered', t('hotline.figures.answered')),
    num('missed', t('hotline.figures.missed')),
    num('transferred', t('hotline.figures.transferred')),
    num('requests', t('hotline.figures.requests')),
    {
      title: t('hotline.figures.answerRate'),
      key: 'answerRate',
      width: 100,
      align: 'right',
      render: (_, p) => (
        <Typography.Text type={p.answerRate !== null && p.answerRate < 0.8 ? 'danger' : undefined} data-testid="figures-answer-rate">
          {rate(p.answerRate)}
        </Typography.Text>
      ),
    },
    {
      title: t('hotline.figures.averageHandling'),
      key: 'handling',
      width: 120,
      align: 'right',
      render: (_, p) => <span className="mono">{mmss(p.averageHandlingSeconds) || t('table.none')}</span>,
    },
    {
      title: t('hotline.figures.satisfaction'),
      key: 'satisfaction',
      width: 150,
      align: 'right',
      render: (_, p) =>
        p.satisfaction === null ? (
          t('table.none')
        ) : (
          <span data-testid="figures-satisfaction">
            {p.satisfaction.toFixed(2)}
            <Typography.Text type="secondary" style={{ fontSize: 12, marginLeft: 6 }}>
              {t('hotline.figures.rated', { count: p.rated })}
            </Typography.Text>
          </span>
        ),
    },
  ];

  const exportCsv = () => {
    if (!figures.data) return;
    const csv = figuresCsv(figures.data, {
      header: [
        t('hotline.figures.lawyer'),
        t('hotline.figures.calls'),
        t('hotline.figures.answered'),
        t('hotline.figures.missed'),
        t('hotline.figures.transferred'),
        t('hotline.figures.requests'),
        t('hotline.figures.answerRate'),
        t('hotline.figures.averageHandling'),
        t('hotline.figures.satisfaction'),
        t('hotline.figures.ratedHeader'),
      ],
      unassigned: t('hotline.unassigned'),
      total: t('hotline.figures.total'),
    });
    const url = URL.createObjectURL(new Blob(['\uFEFF', csv], { type: 'text/csv;charset=utf-8' }));
    const a = document.createElement('a');
    a.href = url;
    a.download = t('hotline.figures.fileName', { month });
    a.click();
    setTimeout(() => URL.revokeObjectURL(url), 1000);
  };

  return (
    <Card
      size="small"
      title={t('hotline.figures.title')}
      extra={<Button icon={<ReloadOutlined />} onClick={figures.reload} aria-label={t('action.refresh')} />}
      data-testid="figures-page"
    >
      <Typography.Paragraph type="secondary" style={{ marginTop: 0 }}>
        {t('hotline.figures.intro')}
      </Typography.Paragraph>
      <div className="hotline-filters">
        <DatePicker
          picker="month"
          allowClear={false}
          value={dayjs(`${month}-01`)}
          disabledDate={(d) => d.format('YYYY-MM') > thisMonth}
          onChange={(d) => d && setParams(d.format('YYYY-MM') === thisMonth ? {} : { month: d.format('YYYY-MM') }, { replace: true })}
          aria-label={t('hotline.figures.month')}
          data-testid="figures-month"
        />
        <Button icon={<DownloadOutlined />} disabled={!people.length} onClick={exportCsv} data-testid="figures-export">
          {t('hotline.figures.export')}
        </Button>
      </div>
      {figures.error !== undefined && <Alert type="error" showIcon title={errorText(figures.error)} style={{ marginBottom: 12 }} />}
      <div data-testid="figures-table">
        <Table<LawyerFigures>
          rowKey={(p) => p.staff?.id ?? 'unassigned'}
          size="middle"
          columns={columns}
          dataSource={people}
          loading={figures.loading}
          pagination={false}
          locale={{ emptyText: t('hotline.figures.empty') }}
          scroll={{ x: 960 }}
          summary={() =>
            total && people.length ? (
              <Table.Summary fixed>
                <Table.Summary.Row className="figures-total" data-testid="figures-total">
                  <Table.Summary.Cell index={0}>
                    <strong>{t('hotline.figures.total')}</strong>
                  </Table.Summary.Cell>
                  {(['calls', 'answered', 'missed', 'transferred', 'requests'] as const).map((k, i) => (
                    <Table.Summary.Cell key={k} index={i + 1} align="right">
                      <strong data-testid={`figures-total-${k}`}>{total[k]}</strong>
                    </Table.Summary.Cell>
                  ))}
                  <Table.Summary.Cell index={6} align="right">
                    <strong>{rate(total.answerRate)}</strong>
                  </Table.Summary.Cell>
                  <Table.Summary.Cell index={7} align="right">
                    {t('table.none')}
                  </Table.Summary.Cell>
                  <Table.Summary.Cell index={8} align="right">
                    {satisfaction ? (
                      <strong>
                        {satisfaction.average.toFixed(2)}
                        <Typography.Text type="secondary" style={{ fontSize: 12, marginLeft: 6, fontWeight: 400 }}>
                          {t('hotline.figures.rated', { count: satisfaction.rated })}
                        </Typography.Text>
                      </strong>
                    ) : (
                      t('table.none')
                    )}
                  </Table.Summary.Cell>
                </Table.Summary.Row>
              </Table.Summary>
            ) : null
          }
        />
      </div>
      {people.length > 0 && (
        <Typography.Paragraph type="secondary" style={{ marginTop: 8, marginBottom: 0, fontSize: 12 }}>
          {t('hotline.figures.totalHint')}
        </Typography.Paragraph>
      )}
    </Card>
  );
}

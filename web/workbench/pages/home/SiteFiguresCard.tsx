import { Card, Col, DatePicker, Row, Statistic } from 'antd';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import type { SiteFigures } from '../../../shared/api/home.js';

/** 本月数据 for those who lead a site: the month's requests, conclusions, on-time rate, overdue now and ratings. */
export function SiteFiguresCard({
  site,
  area,
  month,
  onMonth,
}: {
  site: SiteFigures;
  area: string;
  month: string;
  onMonth: (month: string) => void;
}) {
  const { t } = useTranslation('workbench');
  const col = { xs: 12, sm: 8, lg: 4 } as const;
  const rate = site.onTimeRate === null ? t('home.none') : `${(site.onTimeRate * 100).toFixed(1)}%`;
  return (
    <Card
      size="small"
      title={`${t('home.figures')} · ${t('home.figuresOf', { area })}`}
      extra={
        <DatePicker
          picker="month"
          size="small"
          allowClear={false}
          value={dayjs(`${month}-01`)}
          disabledDate={(d) => d.isAfter(dayjs(), 'month')}
          onChange={(d) => d && onMonth(d.format('YYYY-MM'))}
          aria-label={t('home.month')}
          style={{ width: 110 }}
          data-testid="home-month"
        />
      }
      data-testid="home-figures"
    >
      <Row gutter={[16, 16]}>
        <Col {...col}>
          <Statistic title={t('home.received')} value={site.received} />
        </Col>
        <Col {...col}>
          <Statistic title={t('home.concluded')} value={site.concluded} />
        </Col>
        <Col {...col}>
          <Statistic title={t('home.onTimeRate')} value={rate} />
          {site.concludedWithLimit > 0 && (
            <div className="home-figure-note">{t('home.onTimeDetail', { onTime: site.onTime, total: site.concludedWithLimit })}</div>
          )}
        </Col>
        <Col {...col}>
          <Statistic
            title={t('home.overdueNow')}
            value={site.overdueNow}
            styles={{ content: site.overdueNow > 0 ? { color: '#cf1322' } : {} }}
          />
        </Col>
        <Col {...col}>
          <Statistic title={t('home.rating')} value={site.averageRating === null ? t('home.none') : site.averageRating.toFixed(2)} />
          <div className="home-figure-note">{t('home.ratingDetail', { count: site.ratings })}</div>
        </Col>
      </Row>
    </Card>
  );
}

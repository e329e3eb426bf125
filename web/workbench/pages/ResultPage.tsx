import { Button, Result } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';

export function ResultPage({ kind }: { kind: 'forbidden' | 'notFound' }) {
  const { t } = useTranslation('workbench');
  return (
    <Result
      status={kind === 'forbidden' ? '403' : '404'}
      title={kind === 'forbidden' ? '403' : '404'}
      subTitle={kind === 'forbidden' ? t('result.forbidden') : t('result.notFound')}
      extra={
        <Link to="/">
          <Button type="primary">{t('result.backHome')}</Button>
        </Link>
      }
      data-testid={`result-${kind}`}
    />
  );
}

import { useEffect, useRef, useState } from 'react';
import { Empty, Select, Space, Spin, Tag, Typography } from 'antd';
import { SearchOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { api } from '../../../shared/api/client.js';
import type { ArticleHit, SearchHit } from '../../../shared/api/knowledge.js';
import type { KbRef } from '../../../shared/api/knowledge-admin.js';

const WAIT_MS = 300;

/**
 * 引用的法条: a search box over the law library (GET /knowledge/search?kind=article, the same search the portal
 * uses, so “劳动合同法 第八十二条” and “拖欠工资” both work) and the chosen articles as law + article chips.
 * A form control: `value`/`onChange` hold the chosen articles.
 */
export function ArticlePicker({
  value = [],
  onChange,
  disabled,
}: {
  value?: KbRef[];
  onChange?: (refs: KbRef[]) => void;
  disabled?: boolean;
}) {
  const { t } = useTranslation('workbench');
  const [q, setQ] = useState('');
  const [hits, setHits] = useState<ArticleHit[]>([]);
  const [searching, setSearching] = useState(false);
  const latest = useRef<AbortController>(undefined);

  // a search a moment after the typing stops; a newer one aborts the one before
  useEffect(() => {
    const words = q.trim();
    if (!words) {
      setHits([]);
      return;
    }
    const timer = setTimeout(() => {
      latest.current?.abort();
      const controller = new AbortController();
      latest.current = controller;
      setSearching(true);
      api
        .get<{ items: SearchHit[] }>('/knowledge/search', { q: words, kind: 'article', limit: 12 }, controller.signal)
        .then(
          (found) => setHits(found.items.filter((h): h is ArticleHit => h.kind === 'article')),
          () => setHits([]),
        )
        .finally(() => {
          if (!controller.signal.aborted) setSearching(false);
        });
    }, WAIT_MS);
    return () => clearTimeout(timer);
  }, [q]);

  const chosen = new Set(value.map((r) => r.articleId));
  const add = (id: number) => {
    const hit = hits.find((h) => h.id === id);
    if (!hit || chosen.has(id)) return;
    onChange?.([...value, { articleId: hit.id, law: hit.law, article: hit.article }]);
  };
  const remove = (id: number) => onChange?.(value.filter((r) => r.articleId !== id));

  return (
    <Space orientation="vertical" size={8} style={{ width: '100%' }}>
      <div data-testid="kb-refs">
        {value.length === 0 ? (
          <Typography.Text type="secondary">{t('knowledgeAdmin.entry.refsNone')}</Typography.Text>
        ) : (
          <Space wrap size={[4, 8]}>
            {value.map((r) => (
              <Tag
                key={r.articleId}
                color="geekblue"
                closable={!disabled}
                onClose={(e) => {
                  e.preventDefault();
                  remove(r.articleId);
                }}
                style={{ fontSize: 13, padding: '2px 8px', marginInlineEnd: 0 }}
                data-testid="kb-ref"
                data-article-id={r.articleId}
              >
                {r.law} {r.article}
              </Tag>
            ))}
          </Space>
        )}
      </div>
      {!disabled && (
        <Select<number>
          showSearch={{ filterOption: false, onSearch: setQ, searchValue: q }}
          value={null}
          onChange={(id) => {
            add(id);
            setQ('');
          }}
          placeholder={
            <span>
              <SearchOutlined /> {t('knowledgeAdmin.entry.refsSearch')}
            </span>
          }
          notFoundContent={
            searching ? (
              <Spin size="small" />
            ) : q.trim() ? (
              <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('knowledgeAdmin.entry.refsNothing')} />
            ) : null
          }
          options={hits.map((h) => ({
            value: h.id,
            disabled: chosen.has(h.id),
            label: (
              <div style={{ whiteSpace: 'normal', padding: '2px 0' }} data-testid="kb-ref-option" data-article-id={h.id}>
                <div>
                  <strong>{h.law}</strong> {h.article}
                  {chosen.has(h.id) && (
                    <Typography.Text type="secondary" style={{ marginLeft: 8 }}>
                      {t('knowledgeAdmin.entry.refsChosen')}
                    </Typography.Text>
                  )}
                </div>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {h.snippet || h.text.slice(0, 80)}
                </Typography.Text>
              </div>
            ),
          }))}
          style={{ width: '100%' }}
          listHeight={360}
          data-testid="kb-ref-search"
        />
      )}
    </Space>
  );
}

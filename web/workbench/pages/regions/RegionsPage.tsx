import { useState } from 'react';
import { Col, Row } from 'antd';
import { useTranslation } from 'react-i18next';
import { OrgTree } from '../../components/OrgTree.js';
import { useScopeTree } from '../../hooks/useScopeTree.js';
import { useMe } from '../../session/useSession.js';
import { RegionDetailPanel } from './RegionDetailPanel.js';

/** 区划管理: the tree of my area on the left, the picked region's details (and renaming) on the right. */
export function RegionsPage() {
  const { t } = useTranslation('workbench');
  const me = useMe();
  const tree = useScopeTree();
  const [selected, setSelected] = useState<string>(me.regionCode);

  return (
    <Row gutter={16} data-testid="regions-page">
      <Col xs={24} md={9} lg={7}>
        <OrgTree
          title={t('regions.title')}
          tree={tree.data}
          loading={tree.loading}
          error={tree.error}
          selected={selected}
          onSelect={(code) => code && setSelected(code)}
          clearable={false}
          testId="regions-tree"
        />
      </Col>
      <Col xs={24} md={15} lg={17}>
        <RegionDetailPanel code={selected} onRenamed={tree.reload} onOpen={setSelected} />
      </Col>
    </Row>
  );
}

import type { ReactNode } from 'react';

/** The back-office arrangement people know: the org tree in a fixed column on the left, the list beside it. */
export function TreeListLayout({ tree, children, testId }: { tree: ReactNode; children: ReactNode; testId?: string }) {
  return (
    <div className="tree-list" data-testid={testId}>
      <aside className="tree-list__side">{tree}</aside>
      <div className="tree-list__main">{children}</div>
    </div>
  );
}

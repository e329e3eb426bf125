import type { ThemeConfig } from 'antd';

/** The workbench's look: antd's own, in the platform's blue, with the fonts Chinese office PCs have. */
export const theme: ThemeConfig = {
  token: {
    colorPrimary: '#0b4ea2',
    colorLink: '#0b4ea2',
    borderRadius: 4,
    fontFamily:
      "-apple-system, BlinkMacSystemFont, 'PingFang SC', 'Hiragino Sans GB', 'Microsoft YaHei', 'Noto Sans CJK SC', 'Noto Sans SC', 'Helvetica Neue', Arial, sans-serif",
  },
  components: {
    Layout: { siderBg: '#001a3d', headerBg: '#fff', headerPadding: '0 20px', headerHeight: 56 },
    Menu: { darkItemBg: '#001a3d', darkSubMenuItemBg: '#00132e', darkItemSelectedBg: '#0b4ea2' },
  },
};

import { useEffect } from 'react';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn.js';

/** The date pickers follow the page's language (weeks start on Monday in Chinese). */
export function useDayjsLocale(english: boolean): void {
  useEffect(() => {
    dayjs.locale(english ? 'en' : 'zh-cn');
  }, [english]);
}

import { Type } from 'typebox';
import { Text } from '../../http/schemas.js';

/** Checked by the service (a real date of 2000–2100), so every bad date answers CALENDAR_DATE_INVALID. */
export const DateText = (description: string) =>
  Type.String({ description: `${description} (YYYY-MM-DD, 2000–2100)`, examples: ['2027-02-06'] });

export const DayKind = Type.Union([Type.Literal('holiday'), Type.Literal('workday')], {
  description: 'holiday: a day off; workday: a Saturday or Sunday that is worked (调休上班)',
});
export const Unit = Type.Union([Type.Literal('working'), Type.Literal('calendar')]);

export const CalendarDay = Type.Object({
  date: Type.String(),
  kind: DayKind,
  name: Type.String(),
  source: Type.String({ description: "'chinese-days@<version>' as loaded from the package, or 'admin'" }),
  updatedAt: Type.String(),
});

export const YearQuery = Type.Object({ year: Type.Integer({ minimum: 2000, maximum: 2100 }) });

export const CalendarYear = Type.Object({
  year: Type.Integer(),
  official: Type.Boolean({ description: "whether the year's official arrangement (holidays and make-up days) is loaded" }),
  days: Type.Array(CalendarDay),
});

export const CalendarYears = Type.Object({
  packageSource: Type.String({ description: 'the installed chinese-days package' }),
  years: Type.Array(
    Type.Object({
      year: Type.Integer(),
      official: Type.Boolean(),
      sources: Type.Array(Type.String()),
      holidays: Type.Integer(),
      workdays: Type.Integer(),
    }),
  ),
  missing: Type.Array(Type.Integer(), { description: 'years through next year with no official arrangement loaded: an admin enters them' }),
});

export const DateParams = Type.Object({ date: DateText('the day') });

export const CalendarDayBody = Type.Object({ kind: DayKind, name: Text(40, 1) }, { additionalProperties: false });

export const DueDateQuery = Type.Object({
  from: DateText('the start day; counting begins the day after'),
  days: Type.Integer({ minimum: 0, maximum: 1000 }),
  unit: Type.Optional(Type.Union([Type.Literal('working'), Type.Literal('calendar')], { default: 'working' })),
});

export const DueDate = Type.Object({
  from: Type.String(),
  days: Type.Integer(),
  unit: Unit,
  lastDay: Type.String({ description: 'the last day of the period, moved past holidays and rest days' }),
  dueAt: Type.String({ description: 'the instant it runs out: 24:00 Asia/Shanghai of lastDay' }),
  provisional: Type.Boolean({ description: 'a year without an official arrangement decided it: only the week was counted there' }),
});

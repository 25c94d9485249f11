"""After the plan is issued (sau khi ban hành Kế hoạch): the tracking register, the periodic
report and the calendar, all from the Plan itself (docs/architecture.md, "After the plan is
issued").

- :mod:`~nqgen.track.register` — the XLSX register (sổ theo dõi): write, read back, check;
- :mod:`~nqgen.track.period` — report periods (kỳ báo cáo);
- :mod:`~nqgen.track.report` — the report (báo cáo, BC-UBND / BC/ĐU) composed from the plan
  and its register;
- :mod:`~nqgen.track.calendar` — deadlines and reporting dates as an iCalendar file.
"""

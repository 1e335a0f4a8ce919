-- National holidays worked out, not seeded (SQL Server). The app works them out for any year (Portal.Core/Time/JapaneseHolidays),
-- so the closed-days table keeps only what admins add. This removes the 2026 and 2027 holidays that 20261125_20 used
-- to seed, exactly those rows (every office, the same day and reason): a closure an admin added on such a day with its
-- own reason or for one office stays. Running it again removes nothing more.
DELETE c
FROM dbo.QueueClosedDay AS c
JOIN (VALUES
    ('2026-01-01', N'元日'), ('2026-01-12', N'成人の日'), ('2026-02-11', N'建国記念の日'),
    ('2026-02-23', N'天皇誕生日'), ('2026-03-20', N'春分の日'), ('2026-04-29', N'昭和の日'),
    ('2026-05-03', N'憲法記念日'), ('2026-05-04', N'みどりの日'), ('2026-05-05', N'こどもの日'),
    ('2026-05-06', N'振替休日'), ('2026-07-20', N'海の日'), ('2026-08-11', N'山の日'),
    ('2026-09-21', N'敬老の日'), ('2026-09-22', N'国民の休日'), ('2026-09-23', N'秋分の日'),
    ('2026-10-12', N'スポーツの日'), ('2026-11-03', N'文化の日'), ('2026-11-23', N'勤労感謝の日'),
    ('2027-01-01', N'元日'), ('2027-01-11', N'成人の日'), ('2027-02-11', N'建国記念の日'),
    ('2027-02-23', N'天皇誕生日'), ('2027-03-21', N'春分の日'), ('2027-03-22', N'振替休日'),
    ('2027-04-29', N'昭和の日'), ('2027-05-03', N'憲法記念日'), ('2027-05-04', N'みどりの日'),
    ('2027-05-05', N'こどもの日'), ('2027-07-19', N'海の日'), ('2027-08-11', N'山の日'),
    ('2027-09-20', N'敬老の日'), ('2027-09-23', N'秋分の日'), ('2027-10-11', N'スポーツの日'),
    ('2027-11-03', N'文化の日'), ('2027-11-23', N'勤労感謝の日')
) AS s (Day, Reason) ON s.Day = c.Day AND s.Reason = c.Reason
WHERE c.Scope = N'all';

-- 0015_first_start: what the first start remembers beyond the demo/empty choice ('onboarding').
--
-- sandi_admin_awal: the password hash the first administrator was created with (admin/admin,
-- electron/services/auth/bootstrap.ts). The sign-in screen shows the admin/admin hint only while
-- no user exists yet or that account still holds this very hash (a change or a reset replaces it).
-- A database from before this migration: kept only where that password was never changed (the
-- only user is admin and must still change its password).
INSERT INTO settings (key, value)
SELECT 'sandi_admin_awal', password_hash FROM pengguna
WHERE username = 'admin' AND wajib_ganti_sandi = 1 AND (SELECT count(*) FROM pengguna) = 1;

-- persiapan: 'selesai' once an admin has finished the setup wizard that follows an empty start.
-- A database that started empty before the wizard existed and already has partner banks was set
-- up through the ordinary screens: the wizard is not offered there.
INSERT INTO settings (key, value)
SELECT 'persiapan', 'selesai'
WHERE EXISTS (SELECT 1 FROM settings WHERE key = 'onboarding' AND value = 'kosong') AND EXISTS (SELECT 1 FROM bank);

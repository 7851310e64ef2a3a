-- 0002_reference_data: the starting reference lists. They are data, not code: an admin
-- edits them in the app (Data Referensi). The kecamatan list is the one in DOMAIN.md
-- (after the 2018 splits); official region codes are left empty until confirmed.

INSERT INTO kecamatan (nama) VALUES
  ('Semende Darat Laut'), ('Semende Darat Ulu'), ('Semende Darat Tengah'), ('Tanjung Agung'),
  ('Panang Enim'), ('Rambang'), ('Lubai'), ('Lubai Ulu'), ('Lawang Kidul'), ('Muara Enim'),
  ('Ujan Mas'), ('Gunung Megang'), ('Benakat'), ('Rambang Niru'), ('Empat Petulai Dangku'),
  ('Belimbing'), ('Lembak'), ('Sungai Rotan'), ('Gelumbang'), ('Muara Belida'), ('Kelekar'),
  ('Belida Darat');

INSERT INTO sektor (nama) VALUES
  ('Perdagangan'), ('Pertanian tanaman pangan'), ('Perkebunan'), ('Peternakan'), ('Perikanan'),
  ('Industri pengolahan'), ('Kerajinan'), ('Kuliner'), ('Jasa'), ('Transportasi');

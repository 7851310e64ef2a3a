/** Name parts common in South Sumatra, for demo data only. */
export const MALE_NAMES = [
  'Ahmad', 'Muhammad', 'Rudi', 'Hendra', 'Joko', 'Agus', 'Bambang', 'Darmawan', 'Eko', 'Fajar', 'Hasan',
  'Irwan', 'Junaidi', 'Kurniawan', 'Lukman', 'Mulyadi', 'Nasrullah', 'Rahmat', 'Sukri', 'Syahrial',
  'Taufik', 'Usman', 'Wahyudi', 'Yusuf', 'Zainal', 'Firdaus', 'Herman', 'Iskandar', 'Syamsul', 'Amri',
] as const;

export const FEMALE_NAMES = [
  'Siti', 'Nurhayati', 'Sri', 'Dewi', 'Rina', 'Yuliana', 'Fitri', 'Rahmawati', 'Aisyah', 'Masnah',
  'Erna', 'Hartini', 'Indah', 'Kartini', 'Lestari', 'Maryam', 'Nurlela', 'Rosmala', 'Suryani', 'Wati',
  'Zubaidah', 'Hafsah', 'Juwita', 'Mega', 'Novi', 'Puspita', 'Ratna', 'Sumarni', 'Yanti', 'Elvi',
] as const;

export const FAMILY_NAMES = [
  'Saputra', 'Hidayat', 'Pratama', 'Wijaya', 'Harahap', 'Siregar', 'Lubis', 'Susanto', 'Rahman',
  'Syahputra', 'Kusuma', 'Nasution', 'Hakim', 'Ramadhan', 'Gunawan', 'Setiawan', 'Putri', 'Sari',
  'Anggraini', 'Permata', 'Utami', 'Maulana', 'Firmansyah', 'Hamzah', 'Ismail',
] as const;

export const BUSINESS_KINDS = [
  ['Warung', 'Perdagangan'], ['Toko Kelontong', 'Perdagangan'], ['Kebun Karet', 'Perkebunan'],
  ['Kebun Kopi', 'Perkebunan'], ['Kebun Sawit', 'Perkebunan'], ['Sawah', 'Pertanian tanaman pangan'],
  ['Ternak Sapi', 'Peternakan'], ['Ternak Ayam', 'Peternakan'], ['Kolam Ikan', 'Perikanan'],
  ['Pempek', 'Kuliner'], ['Rumah Makan', 'Kuliner'], ['Kerupuk', 'Industri pengolahan'],
  ['Tenun Songket', 'Kerajinan'], ['Bengkel', 'Jasa'], ['Penjahit', 'Jasa'], ['Angkutan', 'Transportasi'],
  ['Kopi Bubuk', 'Industri pengolahan'], ['Anyaman Bambu', 'Kerajinan'],
] as const;

export const VILLAGE_PREFIXES = ['Desa', 'Kelurahan'] as const;
export const VILLAGE_NAMES = [
  'Tanjung', 'Air Lintang', 'Karang Raja', 'Pasar', 'Muara Lawai', 'Sukajadi', 'Lubuk Empelas',
  'Talang Jawa', 'Gunung Raja', 'Pagar Dewa', 'Tebat Agung', 'Suban Jeriji', 'Karang Endah', 'Sirah Pulau',
] as const;

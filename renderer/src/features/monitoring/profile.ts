import type { BusinessProfile, BusinessProfileFields } from '@contract';
import type { ProfileForm } from './ProfileFields.vue';

export const blankProfile = (): ProfileForm => ({ omzetBulanan: null, pekerjaDibayar: null, pekerjaKeluarga: null, aset: null, statusUsaha: null });

export const profileForm = (p: BusinessProfile | null): ProfileForm =>
  p ? { omzetBulanan: p.omzetBulanan, pekerjaDibayar: p.pekerjaDibayar, pekerjaKeluarga: p.pekerjaKeluarga, aset: p.aset, statusUsaha: p.statusUsaha } : blankProfile();

/** Nothing typed: the profile is left for later. */
export const isBlank = (f: ProfileForm) => Object.values(f).every((v) => v === null);

/** What is sent; an empty field goes as it is, so the main process names it (never a silent 0). */
export const profilePayload = (f: ProfileForm) => f as unknown as BusinessProfileFields;

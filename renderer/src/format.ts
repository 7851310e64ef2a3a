// The renderer writes money and dates with the same pure functions as the reports.
export { formatRupiah, formatDateShort, formatDateLong, formatPeriod, formatDecimal, formatPercentText, groupThousands } from '@domain/format';
export { formatNpwp } from '@domain/identity';

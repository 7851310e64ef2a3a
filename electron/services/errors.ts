import type { AppError, ErrorCode, StaleInfo } from '../contract';

/** An expected failure a service reports to the user: carries an Indonesian message. */
export class ServiceError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly fields?: Record<string, string>,
    /** With STALE: who changed the record first, and its version now. */
    readonly perubahan?: StaleInfo,
  ) {
    super(message);
  }

  toAppError(): AppError {
    return {
      code: this.code,
      message: this.message,
      ...(this.fields ? { fields: this.fields } : {}),
      ...(this.perubahan ? { perubahan: this.perubahan } : {}),
    };
  }
}

export const notFound = (what: string) => new ServiceError('NOT_FOUND', `${what} tidak ditemukan`);

export const invalid = (field: string, message: string) => new ServiceError('VALIDATION', message, { [field]: message });

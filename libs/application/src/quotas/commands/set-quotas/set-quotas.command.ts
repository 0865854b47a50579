import type { Quotas } from '@sg/domain';
import type { QuotaUsage } from '../../../ports/read-models/quotas.read-model';
import { type WriteContext, WriteCommand } from '../../../write-path/write-command';

export interface QuotasChanged {
  tenant: string;
  quotas: Quotas;
  usage: QuotaUsage;
}

/** Sets a project's quotas (`changes`), or resets them to the defaults (`changes` null). Operators only. */
export class SetQuotasCommand extends WriteCommand<QuotasChanged> {
  constructor(
    context: WriteContext<QuotasChanged>,
    readonly tenant: string,
    readonly changes: Partial<Quotas> | null,
  ) {
    super(context);
  }
}

// DescribePrice-style estimates for disks (issue 5 item 12), from the illustrative table in
// catalogue.ts: the same price whether the disk is encrypted or not, and KMS key use costs nothing
// (product.md "Billing"). The response follows DescribePrice's shape (PriceInfo.Price, Rules).
import type { CallContext } from '../api/context';
import type { Params } from '../api/params';
import { DEFAULT_PERFORMANCE_LEVEL, findCategory, ILLUSTRATIVE_DISK_PRICE_PER_GIB_MONTH, sizeRange, type PerformanceLevel } from './catalogue';
import { ecsError } from './codes';
import { regionOf } from './disk-actions';

const HOURS_PER_MONTH = 730;

export async function describePrice(ctx: CallContext, p: Params) {
  regionOf(ctx);
  const categoryName = (p['DataDisk.1.Category'] as string | undefined) ?? 'cloud_essd';
  const category = findCategory(categoryName);
  if (!category) throw ecsError('InvalidDiskCategory.ValueNotSupported', { category: categoryName });
  const level = (p['DataDisk.1.PerformanceLevel'] as PerformanceLevel | undefined) ?? DEFAULT_PERFORMANCE_LEVEL;
  const size = (p['DataDisk.1.Size'] as number | undefined) ?? sizeRange(category, 'data', level)!.min;
  const range = sizeRange(category, 'data', level)!;
  const sizeParams = { size, category: categoryName, min: range.min, max: range.max };
  if (size < range.min) throw ecsError('InvalidDiskSize.TooSmall', sizeParams);
  if (size > range.max) throw ecsError('InvalidDiskSize.NotSupported', sizeParams);
  const entry = ILLUSTRATIVE_DISK_PRICE_PER_GIB_MONTH[category.DiskCategory];
  const perGibMonth = typeof entry === 'number' ? entry : entry[level];
  const unit = (p.PriceUnit as string | undefined) ?? 'Month';
  const monthly = perGibMonth * size;
  const price = Math.round((unit === 'Hour' ? monthly / HOURS_PER_MONTH : unit === 'Year' ? monthly * 12 : monthly) * 10_000) / 10_000;
  return {
    PriceInfo: {
      Price: { OriginalPrice: price, DiscountPrice: 0, TradePrice: price, Currency: 'USD' },
      Rules: { Rule: [] },
      // The lab's own fields: why encryption changes nothing, and that the figures are not real prices.
      Notes: {
        Illustrative: 'Illustrative lab prices, not Alibaba Cloud\'s price list.',
        EncryptionCost: 0,
        KmsKeyUseCost: 0,
        Encrypted: (p['DataDisk.1.Encrypted'] as boolean | undefined) ?? false,
      },
    },
  };
}

// The region ids the lab knows (../shared/spec/cloud-api.md §5, "Realistic region list") and the
// default used when a call gives no RegionId.
export const DEFAULT_REGION_ID = 'cn-hangzhou';

export const REGION_IDS = [
  'cn-qingdao', 'cn-beijing', 'cn-zhangjiakou', 'cn-huhehaote', 'cn-wulanchabu', 'cn-hangzhou', 'cn-shanghai',
  'cn-nanjing', 'cn-fuzhou', 'cn-shenzhen', 'cn-heyuan', 'cn-guangzhou', 'cn-chengdu', 'cn-hongkong',
  'ap-northeast-1', 'ap-northeast-2', 'ap-southeast-1', 'ap-southeast-2', 'ap-southeast-3', 'ap-southeast-5',
  'ap-southeast-6', 'ap-southeast-7', 'ap-south-1', 'us-east-1', 'us-west-1', 'eu-central-1', 'eu-west-1',
  'me-east-1', 'me-central-1', 'na-south-1',
] as const;

/** Regions with the service key only, no customer master keys (product.md, "Quotas and limits"). */
export const REGIONS_WITHOUT_CMK: readonly string[] = ['cn-fuzhou', 'ap-southeast-7'];

/** One customer of the support bot. */
export interface SupportBotTenant {
  name: string;
  /** Share of traffic, relative to the other tenants' weights. */
  weight: number;
  /** Where the tenant's requests are served. */
  region: string;
  /** Size of the tenant's user pool; a few heavy users send most requests. */
  users: number;
}

export const defaultSupportBotTenants: readonly SupportBotTenant[] = [
  { name: 'acme', weight: 0.45, region: 'us-east-1', users: 4_000 },
  { name: 'globex', weight: 0.3, region: 'eu-west-1', users: 2_500 },
  { name: 'initech', weight: 0.15, region: 'us-west-2', users: 800 },
  { name: 'umbrella', weight: 0.1, region: 'ap-southeast-1', users: 300 },
];

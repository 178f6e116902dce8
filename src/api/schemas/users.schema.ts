import { z } from 'zod';
import { NewUserSchema, ROLES } from '../../auth/user-admin.service';

export const CreateUserBody = NewUserSchema;

export const CityUserSchema = z.object({
  username: z.string(),
  city: z.string(),
  displayName: z.string(),
  role: z.enum(ROLES),
  unit: z.string(),
  active: z.boolean(),
  demo: z.boolean().describe('seeded from the policy\'s demo directory'),
  createdAt: z.iso.datetime(),
});

export function cityUser(u: { username: string; city: string; displayName: string; role: string; unit: string; active: boolean; demo: boolean; createdAt: Date }) {
  return { username: u.username, city: u.city, displayName: u.displayName, role: u.role, unit: u.unit, active: u.active, demo: u.demo, createdAt: u.createdAt.toISOString() };
}

import { z } from 'zod';
import type { Runtime } from '../../app/create-runtime';
import { UserAdminService } from '../../auth/user-admin.service';
import { assertCityRole } from '../../engine/access/city-access';
import type { ApiRouter } from '../openapi/api-router';
import { problems } from '../schemas/common.schema';
import { CityUserSchema, cityUser, CreateUserBody } from '../schemas/users.schema';

/** The users of the administrator's city: list them, add one (a real deployment's accounts). */
export function usersRoutes(api: ApiRouter, runtime: Runtime): void {
  const users = new UserAdminService(runtime.auth, runtime.catalog);

  api.add({
    method: 'get',
    path: '/api/users',
    tag: 'users',
    summary: "The users of the administrator's city",
    query: z.strictObject({}),
    responses: { 200: { description: 'the users, by username', schema: z.array(CityUserSchema) }, ...problems(400, 401, 403) },
    handler: async ({ auth }) => {
      assertCityRole(auth!.actor, auth!.actor.city, ['admin'], 'list users');
      return (await users.list(auth!.actor.city)).map(cityUser);
    },
  });

  api.add({
    method: 'post',
    path: '/api/users',
    tag: 'users',
    summary: "Adds a user to the administrator's city; the unit is a unit of the city's policy or its centre (operators and dispatchers: the centre; handlers and leaders: a unit). Taken username: 409 USERNAME_TAKEN",
    body: CreateUserBody,
    responses: { 201: { description: 'created', schema: CityUserSchema }, ...problems(400, 401, 403, 409) },
    status: 201,
    handler: async ({ body, auth }) => {
      assertCityRole(auth!.actor, auth!.actor.city, ['admin'], 'add users');
      return cityUser(await users.create(auth!.actor.city, body));
    },
  });
}

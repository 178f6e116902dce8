import { z } from 'zod';
import type { Runtime } from '../../app/create-runtime';
import { MIN_PASSWORD_LENGTH, PasswordResetSchema, UserAdminService, UserChangesSchema } from '../../auth/user-admin.service';
import { assertCityRole } from '../../engine/access/city-access';
import type { ApiRouter } from '../openapi/api-router';
import { problems } from '../schemas/common.schema';
import { CityUserSchema, cityUser, CreateUserBody } from '../schemas/users.schema';

const UsernameParams = z.strictObject({ username: z.string().min(1).max(100) });

/** The users of the administrator's city: list, add, change, disable and enable, reset a password. */
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
      return cityUser(await users.create(auth!.actor.city, body, auth!.user.username));
    },
  });

  api.add({
    method: 'patch',
    path: '/api/users/:username',
    tag: 'users',
    summary: "Changes a user's role, unit or name (audited); not one's own (403 SELF_ADMINISTRATION_REFUSED). A user of another city is 404 USER_NOT_FOUND",
    params: UsernameParams,
    body: UserChangesSchema,
    responses: { 200: { description: 'the user', schema: CityUserSchema }, ...problems(400, 401, 403, 404) },
    handler: async ({ params, body, auth }) => {
      assertCityRole(auth!.actor, auth!.actor.city, ['admin'], 'change users');
      return cityUser(await users.update(auth!.user, params.username, body));
    },
  });

  for (const [action, active] of [['disable', false], ['enable', true]] as const) {
    api.add({
      method: 'post',
      path: `/api/users/:username/${action}`,
      tag: 'users',
      summary: active
        ? 'Enables a disabled user again: they can log in, and their unexpired, unrevoked tokens work again'
        : "Disables a user: every session ends at once, tokens answer 401 while disabled, login is refused (USER_DISABLED). Not one's own account",
      params: UsernameParams,
      responses: { 200: { description: 'the user', schema: CityUserSchema }, ...problems(400, 401, 403, 404) },
      handler: async ({ params, auth }) => {
        assertCityRole(auth!.actor, auth!.actor.city, ['admin'], `${action} users`);
        return cityUser(await users.setActive(auth!.user, params.username, active));
      },
    });
  }

  api.add({
    method: 'post',
    path: '/api/users/:username/password',
    tag: 'users',
    summary: `Resets a user's password to the one given (at least ${MIN_PASSWORD_LENGTH} characters), to hand over in person; every session of the user ends. Not one's own (PUT /api/session/password)`,
    params: UsernameParams,
    body: PasswordResetSchema,
    responses: { 204: { description: 'reset' }, ...problems(400, 401, 403, 404) },
    handler: async ({ params, body, auth, res }) => {
      assertCityRole(auth!.actor, auth!.actor.city, ['admin'], 'reset passwords');
      await users.resetPassword(auth!.user, params.username, body);
      res.status(204).end();
      return undefined;
    },
  });
}

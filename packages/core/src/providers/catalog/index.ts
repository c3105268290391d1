/**
 * The providers catalog: one factory per provider, each returning a plain
 * ProviderDefinition with the provider's real endpoints, default scopes,
 * client authentication and quirks. `providers.github({ clientId, clientSecret })`.
 *
 * Facts that a ProviderDefinition cannot express yet are written next to the
 * entry (Figma's separate refresh endpoint, Twitch's array `scope`, bearer-
 * authorized revocation endpoints at Dropbox, DigitalOcean, Slack, Linear).
 */
import { amazon } from "./amazon.ts";
import { asana } from "./asana.ts";
import { atlassian } from "./atlassian.ts";
import { auth0 } from "./auth0.ts";
import { basecamp } from "./basecamp.ts";
import { bitbucket } from "./bitbucket.ts";
import { box } from "./box.ts";
import { digitalocean } from "./digitalocean.ts";
import { discord } from "./discord.ts";
import { dropbox } from "./dropbox.ts";
import { facebook } from "./facebook.ts";
import { figma } from "./figma.ts";
import { fitbit } from "./fitbit.ts";
import { freshbooks } from "./freshbooks.ts";
import { github } from "./github.ts";
import { gitlab } from "./gitlab.ts";
import { google } from "./google.ts";
import { hubspot } from "./hubspot.ts";
import { huggingface } from "./huggingface.ts";
import { keycloak } from "./keycloak.ts";
import { linear } from "./linear.ts";
import { linkedin } from "./linkedin.ts";
import { microsoft } from "./microsoft.ts";
import { notion } from "./notion.ts";
import { okta } from "./okta.ts";
import { paypal } from "./paypal.ts";
import { reddit } from "./reddit.ts";
import { salesforce } from "./salesforce.ts";
import { shopify } from "./shopify.ts";
import { slack } from "./slack.ts";
import { snapchat } from "./snapchat.ts";
import { spotify } from "./spotify.ts";
import { strava } from "./strava.ts";
import { stripe } from "./stripe.ts";
import { tumblr } from "./tumblr.ts";
import { twitch } from "./twitch.ts";
import { x } from "./x.ts";
import { xero } from "./xero.ts";
import { yahoo } from "./yahoo.ts";
import { zendesk } from "./zendesk.ts";
import { zoom } from "./zoom.ts";

export const providers = {
  amazon,
  asana,
  atlassian,
  auth0,
  basecamp,
  bitbucket,
  box,
  digitalocean,
  discord,
  dropbox,
  facebook,
  figma,
  fitbit,
  freshbooks,
  github,
  gitlab,
  google,
  hubspot,
  huggingface,
  keycloak,
  linear,
  linkedin,
  microsoft,
  notion,
  okta,
  paypal,
  reddit,
  salesforce,
  shopify,
  slack,
  snapchat,
  spotify,
  strava,
  stripe,
  tumblr,
  twitch,
  x,
  xero,
  yahoo,
  zendesk,
  zoom,
} as const;

/** A catalog key, e.g. "github" (also the entry's default id). */
export type CatalogProviderName = keyof typeof providers;

export type { Auth0Credentials } from "./auth0.ts";
export type { FacebookCredentials } from "./facebook.ts";
export type { GitLabCredentials } from "./gitlab.ts";
export type { KeycloakCredentials } from "./keycloak.ts";
export type { MicrosoftCredentials } from "./microsoft.ts";
export type { OktaCredentials } from "./okta.ts";
export type { PayPalCredentials } from "./paypal.ts";
export type { SalesforceCredentials } from "./salesforce.ts";
export type { ShopifyCredentials } from "./shopify.ts";
export type { SlackCredentials } from "./slack.ts";
export type { ZendeskCredentials } from "./zendesk.ts";

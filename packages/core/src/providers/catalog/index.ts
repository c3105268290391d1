/**
 * The providers catalog: one factory per provider, each returning a plain
 * ProviderDefinition with the provider's real endpoints, default scopes,
 * client authentication and quirks. `providers.github({ clientId, clientSecret })`.
 *
 * Facts that a ProviderDefinition cannot express yet are written next to the
 * entry (Figma's separate refresh endpoint, bearer-authorized revocation
 * endpoints at Dropbox, DigitalOcean, Slack, Linear).
 */
import { airtable } from "./airtable.ts";
import { amazon } from "./amazon.ts";
import { asana } from "./asana.ts";
import { atlassian } from "./atlassian.ts";
import { auth0 } from "./auth0.ts";
import { authentik } from "./authentik.ts";
import { autodesk } from "./autodesk.ts";
import { basecamp } from "./basecamp.ts";
import { battlenet } from "./battlenet.ts";
import { bitbucket } from "./bitbucket.ts";
import { box } from "./box.ts";
import { bungie } from "./bungie.ts";
import { calendly } from "./calendly.ts";
import { canva } from "./canva.ts";
import { cognito } from "./cognito.ts";
import { coinbase } from "./coinbase.ts";
import { digitalocean } from "./digitalocean.ts";
import { discord } from "./discord.ts";
import { dribbble } from "./dribbble.ts";
import { dropbox } from "./dropbox.ts";
import { epicgames } from "./epicgames.ts";
import { etsy } from "./etsy.ts";
import { eventbrite } from "./eventbrite.ts";
import { facebook } from "./facebook.ts";
import { figma } from "./figma.ts";
import { fitbit } from "./fitbit.ts";
import { freshbooks } from "./freshbooks.ts";
import { gitea } from "./gitea.ts";
import { github } from "./github.ts";
import { gitlab } from "./gitlab.ts";
import { google } from "./google.ts";
import { hubspot } from "./hubspot.ts";
import { huggingface } from "./huggingface.ts";
import { intuit } from "./intuit.ts";
import { kakao } from "./kakao.ts";
import { keycloak } from "./keycloak.ts";
import { kick } from "./kick.ts";
import { lichess } from "./lichess.ts";
import { line } from "./line.ts";
import { linear } from "./linear.ts";
import { linkedin } from "./linkedin.ts";
import { mailchimp } from "./mailchimp.ts";
import { mastodon } from "./mastodon.ts";
import { mattermost } from "./mattermost.ts";
import { microsoft } from "./microsoft.ts";
import { miro } from "./miro.ts";
import { naver } from "./naver.ts";
import { netlify } from "./netlify.ts";
import { nextcloud } from "./nextcloud.ts";
import { notion } from "./notion.ts";
import { okta } from "./okta.ts";
import { osu } from "./osu.ts";
import { patreon } from "./patreon.ts";
import { paypal } from "./paypal.ts";
import { pinterest } from "./pinterest.ts";
import { pipedrive } from "./pipedrive.ts";
import { polar } from "./polar.ts";
import { reddit } from "./reddit.ts";
import { roblox } from "./roblox.ts";
import { salesforce } from "./salesforce.ts";
import { school42 } from "./school42.ts";
import { shopify } from "./shopify.ts";
import { slack } from "./slack.ts";
import { snapchat } from "./snapchat.ts";
import { spotify } from "./spotify.ts";
import { strava } from "./strava.ts";
import { stripe } from "./stripe.ts";
import { tiltify } from "./tiltify.ts";
import { todoist } from "./todoist.ts";
import { trakt } from "./trakt.ts";
import { tumblr } from "./tumblr.ts";
import { twitch } from "./twitch.ts";
import { webex } from "./webex.ts";
import { withings } from "./withings.ts";
import { wordpress } from "./wordpress.ts";
import { x } from "./x.ts";
import { xero } from "./xero.ts";
import { yahoo } from "./yahoo.ts";
import { yandex } from "./yandex.ts";
import { zendesk } from "./zendesk.ts";
import { zoho } from "./zoho.ts";
import { zoom } from "./zoom.ts";

export const providers = {
  airtable,
  amazon,
  asana,
  atlassian,
  auth0,
  authentik,
  autodesk,
  basecamp,
  battlenet,
  bitbucket,
  box,
  bungie,
  calendly,
  canva,
  cognito,
  coinbase,
  digitalocean,
  discord,
  dribbble,
  dropbox,
  epicgames,
  etsy,
  eventbrite,
  facebook,
  figma,
  fitbit,
  freshbooks,
  gitea,
  github,
  gitlab,
  google,
  hubspot,
  huggingface,
  intuit,
  kakao,
  keycloak,
  kick,
  lichess,
  line,
  linear,
  linkedin,
  mailchimp,
  mastodon,
  mattermost,
  microsoft,
  miro,
  naver,
  netlify,
  nextcloud,
  notion,
  okta,
  osu,
  patreon,
  paypal,
  pinterest,
  pipedrive,
  polar,
  reddit,
  roblox,
  salesforce,
  school42,
  shopify,
  slack,
  snapchat,
  spotify,
  strava,
  stripe,
  tiltify,
  todoist,
  trakt,
  tumblr,
  twitch,
  webex,
  withings,
  wordpress,
  x,
  xero,
  yahoo,
  yandex,
  zendesk,
  zoho,
  zoom,
} as const;

/** A catalog key, e.g. "github" (also the entry's default id). */
export type CatalogProviderName = keyof typeof providers;

export type { Auth0Credentials } from "./auth0.ts";
export type { AuthentikCredentials } from "./authentik.ts";
export type { CognitoCredentials } from "./cognito.ts";
export type { FacebookCredentials } from "./facebook.ts";
export type { GitLabCredentials } from "./gitlab.ts";
export type { GiteaCredentials } from "./gitea.ts";
export type { KeycloakCredentials } from "./keycloak.ts";
export type { MicrosoftCredentials } from "./microsoft.ts";
export type { OktaCredentials } from "./okta.ts";
export type { PayPalCredentials } from "./paypal.ts";
export type { SalesforceCredentials } from "./salesforce.ts";
export type { SelfHostedCredentials } from "./entry.ts";
export type { ShopifyCredentials } from "./shopify.ts";
export type { SlackCredentials } from "./slack.ts";
export type { ZendeskCredentials } from "./zendesk.ts";
export type { ZohoCredentials } from "./zoho.ts";

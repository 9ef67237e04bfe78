import ExternalConnection = require("../provider/dynamic/ExternalConnection");
import ExternalGroup = require("../provider/dynamic/ExternalGroup");
import ExternalGroupMember = require("../provider/dynamic/ExternalGroupMember");
import ExternalGroupSet = require("../provider/dynamic/ExternalGroupSet");
import Connector = require("../provider/dynamic/Connector");
import ConnectorGroup = require("../provider/dynamic/ConnectorGroup");
import ProfileSource = require("../provider/dynamic/ProfileSource");
import ProfileSourcePriority = require("../provider/dynamic/ProfileSourcePriority");

/**
 * One provider instance per type for the whole program: Pulumi caches the serialized text per instance,
 * so every resource of a type shares one serialization. Each is its module's exports, so an installed
 * package serializes it as a `require` of that module (provider/shim.ts).
 */
export const providers = { ExternalConnection, ExternalGroup, ExternalGroupMember, ExternalGroupSet, Connector, ConnectorGroup, ProfileSource, ProfileSourcePriority };

/** The module of every type token: `pulumi-nodejs:dynamic/graph-connectors:<Type>`. */
export const MODULE = "graph-connectors";

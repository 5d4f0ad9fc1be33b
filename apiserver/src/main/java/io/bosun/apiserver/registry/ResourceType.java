package io.bosun.apiserver.registry;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * One served resource: its group, version, kind and names, scope, verbs, categories, the strategy
 * that gives the kind its semantics, the OpenAPI schema of its objects and its table columns.
 * Discovery, OpenAPI, routing and the generic store all read this one description.
 */
public final class ResourceType {

  /** The verbs a plain read-write resource supports. */
  public static final Set<String> READ_WRITE_VERBS =
      Set.of("create", "delete", "deletecollection", "get", "list", "patch", "update", "watch");

  private final String group;
  private final String version;
  private final String kind;
  private final String resource;
  private final String singular;
  private final List<String> shortNames;
  private final boolean namespaced;
  private final Set<String> verbs;
  private final List<String> categories;
  private final NameRule nameRule;
  private final Strategy strategy;
  private final ObjectNode schema;
  private final List<TableColumn> columns;
  private final List<String> subresources;
  private final ScalePaths scalePaths;
  private final boolean tracksGeneration;
  private final boolean returnsDeletedObject;
  private final boolean ageColumn;
  private final boolean strategicMergePatch;
  private final String deprecationWarning;
  private final List<String> selectableFields;
  private final String definedBy;
  private final Conversion conversion;
  private final String storedAs;

  private ResourceType(Builder b) {
    this.group = b.group;
    this.version = b.version;
    this.kind = b.kind;
    this.resource = b.resource;
    this.singular = b.singular == null ? kind.toLowerCase(java.util.Locale.ROOT) : b.singular;
    this.shortNames = List.copyOf(b.shortNames);
    this.namespaced = b.namespaced;
    this.verbs = Set.copyOf(b.verbs);
    this.categories = List.copyOf(b.categories);
    this.nameRule = b.nameRule;
    this.strategy = b.strategy;
    this.schema = Objects.requireNonNull(b.schema, "schema");
    this.columns = List.copyOf(b.columns);
    this.subresources = List.copyOf(b.subresources);
    this.scalePaths = b.scalePaths;
    this.tracksGeneration = b.tracksGeneration;
    this.returnsDeletedObject = b.returnsDeletedObject;
    this.ageColumn = b.ageColumn;
    this.strategicMergePatch = b.strategicMergePatch;
    this.deprecationWarning = b.deprecationWarning;
    this.selectableFields = List.copyOf(b.selectableFields);
    this.definedBy = b.definedBy;
    this.conversion = b.conversion;
    this.storedAs = b.storedAs;
  }

  /** Starts describing a resource; {@code group} is {@code ""} for the core group. */
  public static Builder builder(String group, String version, String kind, String resource) {
    return new Builder(group, version, kind, resource);
  }

  public String group() {
    return group;
  }

  public String version() {
    return version;
  }

  public String kind() {
    return kind;
  }

  /** The kind of this resource's lists, such as {@code ConfigMapList}. */
  public String listKind() {
    return kind + "List";
  }

  /** The plural resource name used in paths, such as {@code configmaps}. */
  public String resource() {
    return resource;
  }

  public String singular() {
    return singular;
  }

  public List<String> shortNames() {
    return shortNames;
  }

  /** Returns whether objects live in namespaces. */
  public boolean namespaced() {
    return namespaced;
  }

  public Set<String> verbs() {
    return verbs;
  }

  /** Returns whether this resource supports {@code verb}. */
  public boolean supports(String verb) {
    return verbs.contains(verb);
  }

  public List<String> categories() {
    return categories;
  }

  public NameRule nameRule() {
    return nameRule;
  }

  public Strategy strategy() {
    return strategy;
  }

  /** How objects convert between the stored form and this version; null when only apiVersion. */
  public Conversion conversion() {
    return conversion;
  }

  /** The OpenAPI v3 schema of an object of this kind (not to be modified). */
  public ObjectNode schema() {
    return schema;
  }

  /**
   * The table columns. A list with the name column ({@link TableColumn#isName}) is the whole table;
   * the table writer puts Name before any other list and Age after it.
   */
  public List<TableColumn> columns() {
    return columns;
  }

  /** Returns whether a delete answers with the deleted object rather than a Status. */
  public boolean returnsDeletedObject() {
    return returnsDeletedObject;
  }

  /** The served subresources, such as {@code status} and {@code scale}. */
  public List<String> subresources() {
    return subresources;
  }

  /** Returns whether the kind has the {@code status} subresource. */
  public boolean hasStatus() {
    return subresources.contains(Subresource.STATUS.pathName());
  }

  /** Returns whether the kind has the {@code scale} subresource. */
  public boolean hasScale() {
    return subresources.contains(Subresource.SCALE.pathName());
  }

  /**
   * Where {@code /scale} reads and writes the replicas and the selector; null for the built-in
   * workload layout ({@code spec.replicas}, {@code status.replicas}, {@code spec.selector}).
   */
  public ScalePaths scalePaths() {
    return scalePaths;
  }

  /** Returns whether Table output ends with an Age column after {@link #columns()}. */
  public boolean ageColumn() {
    return ageColumn;
  }

  /** Returns whether the kind accepts strategic merge patches (custom resources do not). */
  public boolean acceptsStrategicMergePatch() {
    return strategicMergePatch;
  }

  /** The warning every request to this version gets, or null when it is not deprecated. */
  public String deprecationWarning() {
    return deprecationWarning;
  }

  /**
   * The field paths, such as {@code spec.color}, that field selectors may use besides {@code
   * metadata.name} and {@code metadata.namespace}.
   */
  public List<String> selectableFields() {
    return selectableFields;
  }

  /** The name of the CustomResourceDefinition that serves this resource, or null if built in. */
  public String definedBy() {
    return definedBy;
  }

  /**
   * Returns whether the store keeps {@code metadata.generation}: 1 on create, bumped when anything
   * outside metadata and status changes.
   */
  public boolean tracksGeneration() {
    return tracksGeneration;
  }

  /** The {@code apiVersion} of objects: {@code v1} or {@code group/version}. */
  public String apiVersion() {
    return group.isEmpty() ? version : group + "/" + version;
  }

  /**
   * The resource name in storage keys: {@code configmaps}, or {@code deployments.apps}, unless the
   * kind is stored with another group's (events.k8s.io events are core events).
   */
  public String storageResource() {
    if (storedAs != null) {
      return storedAs;
    }
    return group.isEmpty() ? resource : resource + "." + group;
  }

  @Override
  public String toString() {
    return storageResource() + "/" + version;
  }

  /** Builds a {@link ResourceType}. */
  public static final class Builder {
    private final String group;
    private final String version;
    private final String kind;
    private final String resource;
    private String singular;
    private final List<String> shortNames = new ArrayList<>();
    private boolean namespaced = true;
    private Set<String> verbs = READ_WRITE_VERBS;
    private final List<String> categories = new ArrayList<>();
    private NameRule nameRule = NameRule.DNS1123_SUBDOMAIN;
    private Strategy strategy = Strategy.DEFAULT;
    private ObjectNode schema;
    private final List<TableColumn> columns = new ArrayList<>();
    private final List<String> subresources = new ArrayList<>();
    private ScalePaths scalePaths;
    private boolean tracksGeneration;
    private boolean returnsDeletedObject;
    private boolean ageColumn = true;
    private boolean strategicMergePatch = true;
    private String deprecationWarning;
    private final List<String> selectableFields = new ArrayList<>();
    private String definedBy;
    private Conversion conversion;
    private String storedAs;

    private Builder(String group, String version, String kind, String resource) {
      this.group = Objects.requireNonNull(group, "group");
      this.version = Objects.requireNonNull(version, "version");
      this.kind = Objects.requireNonNull(kind, "kind");
      this.resource = Objects.requireNonNull(resource, "resource");
    }

    /** The singular name. Defaults to the lower-cased kind. */
    public Builder singular(String singular) {
      this.singular = singular;
      return this;
    }

    public Builder shortNames(String... names) {
      shortNames.addAll(List.of(names));
      return this;
    }

    /** Makes the resource cluster-scoped. Resources are namespaced by default. */
    public Builder clusterScoped() {
      this.namespaced = false;
      return this;
    }

    /** The supported verbs. Defaults to {@link #READ_WRITE_VERBS}. */
    public Builder verbs(Set<String> verbs) {
      this.verbs = verbs;
      return this;
    }

    public Builder categories(String... names) {
      categories.addAll(List.of(names));
      return this;
    }

    /** How names are validated. Defaults to {@link NameRule#DNS1123_SUBDOMAIN}. */
    public Builder nameRule(NameRule rule) {
      this.nameRule = Objects.requireNonNull(rule, "rule");
      return this;
    }

    /** The kind's strategy. Defaults to {@link Strategy#DEFAULT}. */
    public Builder strategy(Strategy strategy) {
      this.strategy = Objects.requireNonNull(strategy, "strategy");
      return this;
    }

    /** The OpenAPI v3 schema of the kind's objects; required. */
    public Builder schema(ObjectNode schema) {
      this.schema = schema;
      return this;
    }

    public Builder column(TableColumn column) {
      columns.add(column);
      return this;
    }

    /** Adds table columns in order. */
    public Builder columns(List<TableColumn> columns) {
      this.columns.addAll(columns);
      return this;
    }

    /**
     * Serves {@code /status}: status changes only there, and writes to the main resource keep the
     * stored status.
     */
    public Builder statusSubresource() {
      subresources.add(Subresource.STATUS.pathName());
      return this;
    }

    /** Serves {@code /scale} as an autoscaling/v1 Scale over {@code spec.replicas}. */
    public Builder scaleSubresource() {
      subresources.add(Subresource.SCALE.pathName());
      return this;
    }

    /** Serves a subresource whose rules the store knows: /finalize, /binding, /eviction. */
    public Builder subresource(Subresource subresource) {
      subresources.add(subresource.pathName());
      return this;
    }

    /** Answers a delete with the deleted object, as for pods; defaults to a Status. */
    public Builder returnsDeletedObject() {
      this.returnsDeletedObject = true;
      return this;
    }

    /**
     * Serves {@code /scale} over the replicas and selector at these paths, as a custom resource's
     * scale subresource does.
     */
    public Builder scaleSubresource(ScalePaths paths) {
      this.scalePaths = Objects.requireNonNull(paths, "paths");
      return scaleSubresource();
    }

    /** Keeps {@code metadata.generation}. Defaults to off, as for ConfigMaps. */
    public Builder tracksGeneration() {
      this.tracksGeneration = true;
      return this;
    }

    /**
     * Makes {@link #column} the complete list of columns after Name: no Age column is appended. By
     * default Age is appended.
     */
    public Builder noAgeColumn() {
      this.ageColumn = false;
      return this;
    }

    /** Refuses strategic merge patches with 415. By default they are accepted. */
    public Builder noStrategicMergePatch() {
      this.strategicMergePatch = false;
      return this;
    }

    /** Marks this version deprecated: every request gets {@code warning}. Defaults to none. */
    public Builder deprecationWarning(String warning) {
      this.deprecationWarning = warning;
      return this;
    }

    /** Field paths field selectors may use, such as {@code spec.color}. Defaults to none. */
    public Builder selectableFields(List<String> paths) {
      selectableFields.addAll(paths);
      return this;
    }

    /** Names the CustomResourceDefinition that serves this resource. Defaults to none. */
    public Builder definedBy(String crdName) {
      this.definedBy = crdName;
      return this;
    }

    /** Converts objects between the stored form and this version. Defaults to none. */
    public Builder conversion(Conversion conversion) {
      this.conversion = conversion;
      return this;
    }

    /**
     * Stores objects under another resource's storage name, shared with that resource; {@link
     * #conversion} then converts between their forms. Defaults to this resource's own.
     */
    public Builder storedAs(String storageResource) {
      this.storedAs = storageResource;
      return this;
    }

    public ResourceType build() {
      return new ResourceType(this);
    }
  }
}

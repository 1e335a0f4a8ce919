namespace Portal.Web;

/// <summary>Marker for the portal's one resource set: Resources/SharedResource.resx (Japanese) and .en.resx (English).</summary>
public sealed class SharedResource;

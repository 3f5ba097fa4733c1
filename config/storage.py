"""Where the public images of an S3 bucket are served from (for the pages' CSP)."""

from urllib.parse import urlparse


def s3_public_origin(bucket, endpoint_url="", public_domain=""):
    """The origin (scheme, host, port) of the renditions' links.

    A CDN's host name when there is one; else the S3-compatible server's (path-style links,
    ``endpoint/bucket/key``); else Amazon S3's virtual-hosted address of the bucket.
    """
    if public_domain:
        return f"https://{public_domain}"
    if endpoint_url:
        endpoint = urlparse(endpoint_url)
        return f"{endpoint.scheme}://{endpoint.netloc}"
    return f"https://{bucket}.s3.amazonaws.com"

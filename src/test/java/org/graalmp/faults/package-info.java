/** Tests of faults: processes killed outright, child JVMs that cannot start, strangers at the endpoints. */
package org.graalmp.faults;

import ReferenceServer
import Testing
